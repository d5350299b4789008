import { describe, expect, it } from "vitest";
import { readConfig } from "../../lambda/config.js";
import { ConfigEnv } from "../../lambda/config-names.js";
import { ErrorCode } from "../../lambda/errors.js";

describe("readConfig", () => {
  it("works with no variables at all: every cluster, acting, safe defaults", () => {
    expect(readConfig({})).toEqual({
      dryRun: false,
      maxRedeploysPerRun: 25,
      followUpWindowMinutes: 60,
      probeTimeoutMs: 2000,
      probeConcurrency: 16,
      securityProbes: true,
      bridgeAddresses: true,
      awsConcurrency: 8,
      gate: { maxWaitSeconds: 300, callBackDelaySeconds: 15, onError: "open" },
    });
  });

  it("reads every variable", () => {
    const config = readConfig({
      [ConfigEnv.clusters]: "orders-prod, payments-prod",
      [ConfigEnv.watchedSecrets]: "prod/orders/jwt-signing-key",
      [ConfigEnv.dryRun]: "TRUE",
      [ConfigEnv.maxRedeploysPerRun]: "3",
      [ConfigEnv.followUpWindowMinutes]: "15",
      [ConfigEnv.redeployTag]: "rollout-verifier:redeploy=true",
      [ConfigEnv.probeTimeoutMs]: "500",
      [ConfigEnv.probeConcurrency]: "4",
      [ConfigEnv.probePath]: "/auth/check",
      [ConfigEnv.probeIssuer]: "https://issuer.example",
      [ConfigEnv.probeAudience]: "orders-api",
      [ConfigEnv.securityProbes]: "false",
      [ConfigEnv.bridgeAddresses]: "false",
      [ConfigEnv.awsConcurrency]: "2",
      [ConfigEnv.gateMaxWaitSeconds]: "120",
      [ConfigEnv.gateCallBackDelaySeconds]: "5",
      [ConfigEnv.gateOnError]: "Closed",
    });
    expect(config).toEqual({
      clusters: ["orders-prod", "payments-prod"],
      watchedSecrets: ["prod/orders/jwt-signing-key"],
      dryRun: true,
      maxRedeploysPerRun: 3,
      followUpWindowMinutes: 15,
      redeployTag: { key: "rollout-verifier:redeploy", value: "true" },
      probeTimeoutMs: 500,
      probeConcurrency: 4,
      probePath: "/auth/check",
      probeIssuer: "https://issuer.example",
      probeAudience: "orders-api",
      securityProbes: false,
      bridgeAddresses: false,
      awsConcurrency: 2,
      gate: { maxWaitSeconds: 120, callBackDelaySeconds: 5, onError: "closed" },
    });
  });

  it("treats empty values as unset", () => {
    expect(readConfig({ [ConfigEnv.clusters]: " , ", [ConfigEnv.dryRun]: "" })).toEqual(readConfig({}));
  });

  it("allows a cap of zero redeploys (report only, without dry-run wording)", () => {
    expect(readConfig({ [ConfigEnv.maxRedeploysPerRun]: "0" }).maxRedeploysPerRun).toBe(0);
  });

  it.each([
    [ConfigEnv.dryRun, "yes"],
    [ConfigEnv.maxRedeploysPerRun, "-1"],
    [ConfigEnv.followUpWindowMinutes, "1h"],
    [ConfigEnv.probeTimeoutMs, "2s"],
    [ConfigEnv.probeConcurrency, "0"],
    [ConfigEnv.redeployTag, "no-equals-sign"],
    [ConfigEnv.probePath, "no-leading-slash"],
    [ConfigEnv.gateOnError, "maybe"],
    [ConfigEnv.gateCallBackDelaySeconds, "0"],
  ])("fails fast on %s=%s, naming the variable", (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrowError(
      expect.objectContaining({ code: ErrorCode.config, message: expect.stringContaining(name) }),
    );
  });
});
