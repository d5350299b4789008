import { generateKeyPairSync } from "node:crypto";
import { GetSecretValueCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport, ServiceReport } from "../../../lambda/core/report/report.js";
import { jwtScenario, type ServiceSpec } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const issuerImage = "sample/jwt-issuer:jose";
const jwksTags = { "rollout-verifier:jwks-path": "/.well-known/jwks.json" };
const tokenTags = {
  "rollout-verifier:issue-path": "/token",
  "rollout-verifier:issue-method": "POST",
  "rollout-verifier:issue-body": '{"client_id":"rollout-verifier-test"}',
};

/** An issuer service: no verifier probe, its key injected as JWT_SECRET like every sample app. */
function issuer(name: string, tags: Record<string, string>): ServiceSpec {
  return { name, image: issuerImage, probePath: null, tags };
}

/** Anything shaped like a JWT (a compact JWS whose header and payload are JSON objects). */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;

/** Rotates the secret with the fleet's built-in rotation; returns the old and new values. */
async function rotate(h: Harness, secretId: string): Promise<{ before: string; after: string }> {
  const read = async () =>
    (await h.secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString ?? "";
  const before = await read();
  await h.secrets.send(new RotateSecretCommand({ SecretId: secretId }));
  const after = await read();
  expect(after).not.toBe(before);
  return { before, after };
}

function rotationServices(reports: readonly RunReport[], service: string): ServiceReport[] {
  return reports.flatMap((report) => report.services).filter((entry) => entry.service === service);
}

/** Key material lines (PEM body lines) and whole values that must never reach a log or a report. */
function materialFragments(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const lines = value.split(/\\n|\n/).filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
    return lines.length > 0 ? lines.slice(0, 3) : [value];
  });
}

function expectNothingSecret(h: Harness, values: readonly string[]): void {
  const texts = [h.log(), JSON.stringify(h.reports())];
  for (const text of texts) {
    expect(text).not.toMatch(JWT_SHAPED);
    expect(text).not.toContain("PRIVATE KEY-----");
    for (const fragment of materialFragments(values)) expect(text).not.toContain(fragment);
  }
}

describe("issuer probes: a task that signs with the previous key is proven stale and forced once", () => {
  it("RS256 issuer: its JWKS publishes only AWSPREVIOUS's key, then AWSCURRENT's after the forced deployment", async () => {
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    harness = await startHarness(
      jwtScenario([{ name: "prod/auth-rsa", value: pem }], [issuer("auth-rs", jwksTags)]),
    );
    const setupRuns = harness.reports().length;
    const latestBefore = harness.latestServiceReport("auth-rs");
    expect(latestBefore?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([
      ["current", "jwks"],
      ["current", "jwks"],
    ]);
    const { before, after } = await rotate(harness, "prod/auth-rsa");
    await harness.settle();

    const reports = harness.reports().slice(setupRuns);
    const [first] = rotationServices(reports, "auth-rs");
    expect(first?.action).toBe("forced-deployment");
    expect(first?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([
      ["stale", "jwks"],
      ["stale", "jwks"],
    ]);
    const jwks = first?.tasks[0]?.probe.issuer?.[0];
    expect(jwks).toMatchObject({ kind: "jwks", match: "previous", httpStatus: 200 });
    expect(jwks?.kids?.length).toBe(1);
    expect(harness.forcedDeployments("auth-rs")).toHaveLength(1);
    const latest = harness.latestServiceReport("auth-rs");
    expect(latest?.verdict).toBe("converged");
    expect(latest?.tasks.map((task) => [task.verdict, task.evidence, task.probe.issuer?.[0]?.match])).toEqual(
      [
        ["current", "jwks", "current"],
        ["current", "jwks", "current"],
      ],
    );
    expectNothingSecret(harness, [before, after]);
  });

  it("HS256 issuer: a token it issues verifies only with AWSPREVIOUS; one signing with another key is unknown with a finding", async () => {
    const scenario = jwtScenario(
      [{ name: "prod/auth-hmac", value: "initial-shared-secret-0123456789abcdef" }],
      [issuer("auth-hs", tokenTags), issuer("auth-rogue", tokenTags)],
    );
    const rogueKey = "a-hard-coded-key-left-in-the-environment-0123";
    const taskDefinitions = (scenario.taskDefinitions ?? []).map((definition) =>
      definition.family === "auth-rogue"
        ? {
            ...definition,
            containerDefinitions: (definition.containerDefinitions as Record<string, unknown>[]).map(
              (container) => ({
                ...container,
                environment: [{ name: "JWT_SIGNING_SECRET", value: rogueKey }],
              }),
            ),
          }
        : definition,
    );
    harness = await startHarness({ ...scenario, taskDefinitions });
    const setupRuns = harness.reports().length;
    const { before, after } = await rotate(harness, "prod/auth-hmac");
    await harness.settle();

    const reports = harness.reports().slice(setupRuns);
    const [first] = rotationServices(reports, "auth-hs");
    expect(first?.action).toBe("forced-deployment");
    expect(first?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([
      ["stale", "issuer-probe"],
      ["stale", "issuer-probe"],
    ]);
    expect(first?.tasks[0]?.probe.issuer?.[0]).toMatchObject({
      kind: "token",
      match: "previous",
      alg: "HS256",
    });
    expect(harness.forcedDeployments("auth-hs")).toHaveLength(1);
    expect(harness.latestServiceReport("auth-hs")?.tasks.map((task) => task.verdict)).toEqual([
      "current",
      "current",
    ]);

    const rogue = harness.latestServiceReport("auth-rogue");
    expect(rogue?.verdict).toBe("blocked");
    expect(rogue?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([
      ["unknown", "issuer-probe"],
      ["unknown", "issuer-probe"],
    ]);
    expect(rogue?.tasks[0]?.reason).toContain("neither AWSCURRENT");
    expect(harness.forcedDeployments("auth-rogue")).toHaveLength(0);
    const findings = reports.flatMap((report) => report.securityFindings);
    expect(
      findings.filter((finding) => finding.service === "auth-rogue").map((finding) => finding.kind),
    ).toContain("signs-with-unknown-key");
    expectNothingSecret(harness, [before, after, rogueKey]);
  });
});
