import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTelemetry, publishReport } from "../../lambda/adapters/telemetry/telemetry.js";
import { handleEvent } from "../../lambda/core/handle-event.js";
import type { InvocationDeps } from "../../lambda/core/invocation-deps.js";
import { importSigningKey, type SigningKey } from "../../lambda/core/probes/keys/signing-key.js";
import type { ProbeSigner } from "../../lambda/core/probes/probe-signer.js";
import { signAlgNoneToken, signProbeToken, signWrongKeyToken } from "../../lambda/core/probes/probe-token.js";
import { generateTestKeyPair } from "../support/jwt-test-keys.js";
import { eventVariant } from "./core/aws-fixtures.js";
import { scenarioHarness } from "./core/engine-harness.js";
import type { FakeEcsState } from "./core/fake-ports.js";
import { containerInstanceC } from "./core/fixture-scenario.js";

/** The real signing modules behind the engine's port, as the handler wires them. */
const realSigner: ProbeSigner = {
  importSigningKey: (secretString, options) => importSigningKey(secretString, options),
  signProbeToken: (key, claims, now) => signProbeToken(key as SigningKey, claims, now),
  signAlgNoneToken: (claims, now) => signAlgNoneToken(claims, now),
  signWrongKeyToken: (key, claims, now) => signWrongKeyToken(key as SigningKey, claims, now),
};

function probeEveryService(state: FakeEcsState): void {
  for (const cluster of Object.values(state.clusters))
    cluster.services = cluster.services.map((s) => ({
      ...s,
      tags: { "rollout-verifier:probe-path": "/auth" },
    }));
  (state.hosts as Record<string, string>)[containerInstanceC] = "10.0.3.41";
}

/** Runs the scenario end to end with `secretString`, capturing everything written, logged, returned or thrown. */
async function captureRun(secretString: string): Promise<{ text: string; tokens: string[] }> {
  const harness = scenarioHarness({
    secretString,
    edit: probeEveryService,
    answer: (request) =>
      request.url.includes("10.0.1.23")
        ? {
            status: "rejected",
            httpStatus: 401,
            url: request.url,
            detail: `bad token ${request.authorization}`,
          }
        : { status: "accepted", httpStatus: 200, url: request.url },
  });
  const telemetry = createTelemetry();
  const logged: unknown[] = [];
  const deps: InvocationDeps = {
    ...harness.deps,
    signer: realSigner,
    config: {
      dryRun: false,
      maxRedeploysPerRun: 25,
      probeTimeoutMs: 2000,
      probeConcurrency: 4,
      securityProbes: true,
      bridgeAddresses: true,
      awsConcurrency: 4,
    },
    log: {
      info: (message, attributes) => logged.push(message, attributes),
      error: (message, attributes) => logged.push(message, attributes),
    },
    publish: (report) => publishReport(report, telemetry),
  };
  const results: unknown[] = [];
  results.push(await handleEvent(eventVariant("secretsmanager-secret-label-updated.json"), deps));
  results.push(
    await handleEvent({ secretId: "prod/missing" }, deps).catch((error: Error) => [
      error.message,
      error.stack,
    ]),
  );
  const tokens = harness.probe.requests.map((request) => request.authorization.replace(/^Bearer /, ""));
  return { text: [written.join(""), JSON.stringify(logged), JSON.stringify(results)].join("\n"), tokens };
}

let written: string[] = [];

describe("no secret leaks", () => {
  beforeEach(() => {
    written = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, "write").mockImplementation((chunk) => {
        written.push(String(chunk));
        return true;
      });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("never writes an HMAC secret, its JSON field or any token anywhere", async () => {
    const field = "hs256-field-value-that-must-never-appear-9f8e7d6c5b4a";
    const secretString = JSON.stringify({ signingKey: field, note: "other" });
    const { text, tokens } = await captureRun(secretString);
    expect(tokens.length).toBeGreaterThanOrEqual(9);
    expect(text).toContain("rollout verification summary");
    expect(text).toContain("bad token Bearer <token>");
    expect(text).not.toContain(field);
    expect(text).not.toContain(secretString);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      const signature = token.split(".")[2];
      if (signature) expect(text).not.toContain(signature);
    }
  });

  it("never writes a private key (PEM lines or JWK members) anywhere", async () => {
    const pair = generateTestKeyPair("ec-p256");
    const secretString = JSON.stringify({ signingKey: pair.pkcs8Pem });
    const { text, tokens } = await captureRun(secretString);
    expect(tokens.length).toBeGreaterThanOrEqual(9);
    const pemLines = pair.pkcs8Pem
      .split("\n")
      .filter((line) => line.length > 16 && !line.startsWith("-----"));
    for (const line of pemLines) expect(text).not.toContain(line);
    expect(text).not.toContain(String(pair.privateJwk.d));
    for (const token of tokens) expect(text).not.toContain(token);
  });
});
