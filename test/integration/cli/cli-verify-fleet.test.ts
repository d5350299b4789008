import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Fleet } from "../../../fleet/start-fleet.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { cli, keys, printed, putSecret, startOnCallFleet, tokens } from "./on-call-fleet.js";

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startOnCallFleet();
  vi.stubEnv("AWS_ENDPOINT_URL", fleet.endpoint);
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "fleet");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fleet");
  vi.stubEnv("AWS_PROFILE", "");
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await fleet?.stop();
});

describe("verify on the fleet: opt-in by default, --wait until converged or failed", () => {
  it("read-only, it names the stack's opt-in default and blocks the service that is not opted in", async () => {
    const { code, out } = await cli(["verify", "--secret-id", "prod/jwt"]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^Mode\s+read-only; --redeploy would force only services tagged rollout-verifier:redeploy=true \(the stack's default\)$/m,
    );
    expect(out).toMatch(/prod \/ billing {2}BLOCKED/);
    expect(out).toMatch(/prod \/ orders {2}REDEPLOY/);
  });

  it("--redeploy --wait forces the opted-in service, prints its states and exits 0 once it converged", async () => {
    const { code, out, err } = await cli([
      "verify",
      "--secret-id",
      "prod/jwt",
      "--service",
      "orders",
      "--redeploy",
      "--wait",
      "--interval",
      "0.2",
      "--timeout",
      "60",
    ]);
    expect(err).toMatch(/^\d\d:\d\d:\d\d {2}prod\/orders {2}REDEPLOY {2}0\/2 tasks current \(2 stale\)/m);
    expect(err).toMatch(/^\d\d:\d\d:\d\d {2}prod\/orders {2}CONVERGED {2}2\/2 tasks current/m);
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^ALL CURRENT: 2 tasks in 1 service hold version /);
    expect(code).toBe(0);
  }, 90_000);

  it("leaves the service that is not opted in alone, and forces it only with --no-redeploy-tag, saying so", async () => {
    const blocked = await cli([
      "verify",
      "--secret-id",
      "prod/jwt",
      "--service",
      "billing",
      "--redeploy",
      "--json",
    ]);
    const report = JSON.parse(blocked.out) as RunReport;
    expect(report.services[0]).toMatchObject({ service: "billing", verdict: "blocked", action: "none" });
    expect(blocked.code).toBe(1);
    const forced = await cli([
      "verify",
      "--secret-id",
      "prod/jwt",
      "--service",
      "billing",
      "--redeploy",
      "--no-redeploy-tag",
      "--wait",
      "--interval",
      "0.2",
      "--timeout",
      "60",
    ]);
    expect(forced.err).toContain("--redeploy forces every service that needs it, opt-in tag or not");
    expect(forced.out).toMatch(/^Mode\s+redeploy: every service that needs it, opt-in tag or not/m);
    expect(forced.code).toBe(0);
  }, 90_000);

  it("--wait exits 1 when the forced deployment fails: the circuit breaker on a broken secret", async () => {
    await putSecret(fleet, "prod/ledger-key", keys.ed25519Pem);
    const { code, out, err } = await cli([
      "verify",
      "--secret-id",
      "prod/ledger-key",
      "--redeploy",
      "--wait",
      "--interval",
      "0.2",
      "--timeout",
      "60",
    ]);
    expect(err).toMatch(/^\d\d:\d\d:\d\d {2}prod\/ledger {2}REDEPLOY/m);
    expect(err).toMatch(/^\d\d:\d\d:\d\d {2}prod\/ledger {2}FAILED .*failed/m);
    expect(out).toMatch(/prod \/ ledger {2}FAILED/);
    expect(code).toBe(1);
  }, 90_000);

  it("with both services forced, the secret's whole fleet is current: exit 0", async () => {
    const { code, out } = await cli(["verify", "--secret-id", "prod/jwt", "--output", "json"]);
    const report = JSON.parse(out) as RunReport;
    expect(report.services.map((service) => [service.service, service.verdict]).sort()).toEqual([
      ["billing", "converged"],
      ["orders", "converged"],
    ]);
    expect(code).toBe(0);
  });
});

describe("every exit code the README documents, on the fleet", () => {
  it("verify: 2 for usage, 3 for a secret that does not exist, 4 when nothing reads the secret", async () => {
    expect((await cli(["verify"])).code).toBe(2);
    const absent = await cli(["verify", "--secret-id", "prod/absent"]);
    expect(absent.code).toBe(3);
    expect(absent.err).toContain("prod/absent");
    const unused = await cli(["verify", "--secret-id", "prod/rsa"]);
    expect(unused.code).toBe(4);
    expect(unused.out).toMatch(
      /NO CONSUMERS: .* reads prod\/rsa\. A typo in --secret-id, --cluster or --service/,
    );
    const typo = await cli(["verify", "--secret-id", "prod/jwt", "--service", "order"]);
    expect(typo.code).toBe(4);
    expect(typo.out + typo.err).toMatch(/No service order in the searched clusters|NO CONSUMERS/);
  });

  it("verify in a cluster that does not exist exits 4 and names the cluster", async () => {
    const { code, out, err } = await cli(["verify", "--secret-id", "prod/jwt", "--cluster", "prdo"]);
    expect(code).toBe(4);
    expect(out + err).toContain("prdo");
  });

  it("fingerprint: 0 printed, 2 for a label no version carries (naming it), 3 for a missing secret", async () => {
    expect((await cli(["fingerprint", "--secret-id", "prod/jwt"])).code).toBe(0);
    const pending = await cli(["fingerprint", "--secret-id", "prod/jwt", "--version-stage", "AWSPENDING"]);
    expect(pending.code).toBe(2);
    expect(pending.err).toContain("has no version labelled AWSPENDING (no rotation is in progress)");
    expect(pending.err).not.toMatch(/credentials|region/i);
    expect((await cli(["fingerprint", "--secret-id", "prod/absent"])).code).toBe(3);
  });

  it("diagnose: 2 for input that is not a JWT, echoing none of it; 3 for a missing secret", async () => {
    const pasted = "supersecret-hunter2-not-a-token";
    const notJwt = await cli(["diagnose", "--secret-id", "prod/jwt"], pasted);
    expect(notJwt.code).toBe(2);
    expect(notJwt.out + notJwt.err).not.toContain(pasted.slice(0, 5));
    expect((await cli(["diagnose", "--secret-id", "prod/absent"], await tokens.good())).code).toBe(3);
  });

  it("decode: 0 for a clean token, 1 with warnings, 2 for something that is not a JWT", async () => {
    expect((await cli(["decode"], await tokens.good())).code).toBe(0);
    expect((await cli(["decode"], tokens.algNone())).code).toBe(1);
    expect((await cli(["decode"], "not-a-jwt")).code).toBe(2);
  });
});

describe("what the CLI printed", () => {
  it("printed no key material or token in any test above", async () => {
    const secrets = [
      keys.previous,
      keys.current,
      keys.ledger,
      ...keys.rsaPrivatePem.split("\n").slice(1, 3),
      ...keys.ed25519Pem.split("\n").slice(1, 2),
      (await tokens.good()).split(".")[2] ?? "",
    ];
    for (const output of printed) for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
