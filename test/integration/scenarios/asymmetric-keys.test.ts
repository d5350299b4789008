import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import { probe } from "../fleet/fleet-test-helpers.js";
import { jwtScenario, type ServiceSpec } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const rsaPem = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();
const ecJwk = () =>
  JSON.stringify(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }));
function pemPair(): string {
  const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify({
    privateKey: pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKey: pair.publicKey.export({ format: "pem", type: "spki" }).toString(),
  });
}

interface Variant {
  readonly name: string;
  readonly initial: () => string;
  /** How the secret rotates: the fleet's built-in rotation (same key type), or a new value put by hand. */
  readonly rotation: "RotateSecret" | (() => string);
  readonly services: readonly ServiceSpec[];
  /** The private key inside the secret value (the part that signs). */
  readonly privateKey: (secretString: string) => KeyObject;
  /** The key material the report fingerprints: what the consumers read. */
  readonly material: (secretString: string) => string;
  readonly alg: string;
}

const variants: readonly Variant[] = [
  {
    name: "an RSA private key in PEM, rotated by RotateSecret",
    initial: rsaPem,
    rotation: "RotateSecret",
    services: [
      { name: "orders", image: "sample/jwt-api:jose" },
      { name: "payments", image: "sample/jwt-api:jsonwebtoken-9" },
    ],
    privateKey: (value) => createPrivateKey(value),
    material: (value) => value,
    alg: "RS256",
  },
  {
    name: "an EC private key as a JWK, rotated by PutSecretValue",
    initial: ecJwk,
    rotation: ecJwk,
    services: [
      { name: "orders", image: "sample/jwt-api:jose" },
      { name: "payments", image: "sample/jwt-api:jsonwebtoken-8" },
    ],
    privateKey: (value) => createPrivateKey({ key: JSON.parse(value) as never, format: "jwk" }),
    material: (value) => value,
    alg: "ES256",
  },
  {
    name: "a JSON key pair whose apps read only publicKey, rotated by RotateSecret",
    initial: pemPair,
    rotation: "RotateSecret",
    services: [
      {
        name: "orders",
        image: "sample/jwt-api:jose",
        envName: "JWT_PUBLIC_KEY",
        valueFromSuffix: ":publicKey::",
      },
      {
        name: "payments",
        image: "sample/jwt-api:jsonwebtoken-9",
        envName: "JWT_PUBLIC_KEY",
        valueFromSuffix: ":publicKey::",
      },
    ],
    privateKey: (value) => createPrivateKey((JSON.parse(value) as { privateKey: string }).privateKey),
    // The fingerprint is of what the consumers read: the publicKey field.
    material: (value) => (JSON.parse(value) as { publicKey: string }).publicKey,
    alg: "ES256",
  },
];

/** The HTTP status each address answers for a token signed with `key`. */
async function statuses(addresses: readonly string[], key: KeyObject, alg: string): Promise<number[]> {
  const token = await new SignJWT({ sub: "scenario-test" })
    .setProtectedHeader({ alg })
    .setIssuedAt()
    .setExpirationTime("1m")
    .sign(key);
  return Promise.all(addresses.map((address) => probe(address, token)));
}

/** Pieces of private key material that must never reach the log: PEM body lines and JWK private members. */
function privateFragments(value: string): string[] {
  const pemLines = value
    .split(/\\n|\n/)
    .filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line))
    .slice(0, 3);
  const jwk = value.trim().startsWith('{"kty"') ? (JSON.parse(value) as { d?: string }).d : undefined;
  return [...pemLines, ...(jwk ? [jwk] : [])];
}

describe("scenario 6: asymmetric keys (the secret holds a private key, apps verify with the public key)", () => {
  it.each(variants)(
    "$name: redeploys the stale services and proves they accept the new key",
    async (variant) => {
      const initial = variant.initial();
      harness = await startHarness(jwtScenario([{ name: "prod/jwt-key", value: initial }], variant.services));
      const { fleet } = harness;
      const setupRuns = harness.reports().length;

      if (variant.rotation === "RotateSecret")
        await harness.secrets.send(new RotateSecretCommand({ SecretId: "prod/jwt-key" }));
      else
        await harness.secrets.send(
          new PutSecretValueCommand({ SecretId: "prod/jwt-key", SecretString: variant.rotation() }),
        );
      const current = await harness.secrets.send(new GetSecretValueCommand({ SecretId: "prod/jwt-key" }));
      const rotated = current.SecretString ?? "";
      expect(rotated).not.toBe(initial);
      await harness.settle();

      const rotationReports = harness.reports().slice(setupRuns);
      expect(rotationReports.length).toBeGreaterThan(0);
      for (const report of rotationReports)
        expect(report.keyFingerprint).toBe(fingerprintKey(variant.material(rotated)));
      const forced = rotationReports
        .flatMap((report) => report.services)
        .filter((service) => service.action === "forced-deployment");
      expect(forced.map((service) => service.service).sort()).toEqual(["orders", "payments"]);
      expect(forced.flatMap((service) => service.tasks.map((task) => task.probe.status))).toEqual(
        Array(4).fill("rejected"),
      );
      for (const spec of variant.services) {
        expect(harness.forcedDeployments(spec.name)).toHaveLength(1);
        const latest = harness.latestServiceReport(spec.name);
        expect(latest?.verdict).toBe("converged");
        expect(latest?.tasks.map((task) => task.probe.status)).toEqual(["accepted", "accepted"]);
        const addresses = fleet.runningTasks("prod", spec.name).map((task) => task.address);
        expect(await statuses(addresses, variant.privateKey(rotated), variant.alg)).toEqual([200, 200]);
        expect(await statuses(addresses, variant.privateKey(initial), variant.alg)).toEqual([401, 401]);
      }
      const log = harness.log();
      const fragments = [...privateFragments(initial), ...privateFragments(rotated)];
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      for (const fragment of fragments) expect(log).not.toContain(fragment);
      expect(log).not.toContain("PRIVATE KEY-----");
    },
  );
});
