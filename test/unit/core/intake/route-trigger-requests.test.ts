import { describe, expect, it } from "vitest";
import { routeTrigger } from "../../../../lambda/core/intake/route-trigger.js";
import type { Trigger } from "../../../../lambda/core/intake/trigger.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
import type { VerifierConfig } from "../../../../lambda/core/verifier-config.js";
import { aService, aTaskDefinition } from "../builders.js";

const config: VerifierConfig = {
  dryRun: true,
  maxRedeploysPerRun: 25,
  probeTimeoutMs: 2000,
  probeConcurrency: 4,
  securityProbes: true,
  bridgeAddresses: true,
  awsConcurrency: 4,
};

const deploymentTrigger: Trigger = {
  kind: "deployment-state-change",
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
  clusterName: "orders-prod",
  serviceName: "orders-api",
  deploymentId: "ecs-svc/7250134588163391826",
  state: "COMPLETED",
  eventId: "5b9d3f7a-1c4e-4f8b-a0d2-6c8e0a2b4d6f",
  eventTime: new Date("2025-06-01T03:21:40Z"),
};

/** ECS with one service whose task definition references no secret through valueFrom. */
function ecsWith(service: ServiceSnapshot): { readonly ecs: EcsPort } {
  const ecs = {
    describeServices: async () => [service],
    describeTaskDefinition: async () => aTaskDefinition({ secretReferences: [] }),
  };
  return { ecs: ecs as unknown as EcsPort };
}

describe("routeTrigger: a runtime-fetch service's deployment", () => {
  it("re-verifies the secret its rollout-verifier:secret tag names, trimmed of spaces", async () => {
    const service = aService({ tags: { "rollout-verifier:secret": "  prod/orders/jwt-signing-key \n" } });
    const route = await routeTrigger(deploymentTrigger, config, ecsWith(service));
    expect(route.kind === "verify" && route.requests.map((r) => r.secretId)).toEqual([
      "prod/orders/jwt-signing-key",
    ]);
  });

  it("ignores a tag of spaces only: the service consumes no secret to verify", async () => {
    const service = aService({ tags: { "rollout-verifier:secret": "   " } });
    expect(await routeTrigger(deploymentTrigger, config, ecsWith(service))).toEqual({
      kind: "ignored",
      reason: `service ${deploymentTrigger.serviceArn} consumes no watched Secrets Manager secret`,
      received: `deployment-state-change ${deploymentTrigger.serviceArn}`,
    });
  });
});

describe("routeTrigger: the request carries the configured settings", () => {
  it("passes the probe issuer and audience, the redeploy tag and the follow-up window in milliseconds", async () => {
    const route = await routeTrigger(
      { kind: "direct", secretId: "prod/orders/jwt-signing-key", eventId: null, eventTime: null },
      {
        ...config,
        probeIssuer: "http://127.0.0.1:8080/issuer",
        probeAudience: "orders-api",
        redeployTag: { key: "rollout-verifier:redeploy", value: "true" },
        followUpWindowMinutes: 60,
      },
      ecsWith(aService()),
    );
    expect(route.kind).toBe("verify");
    const [request] = route.kind === "verify" ? route.requests : [];
    expect(request).toMatchObject({
      followUpWindowMs: 3_600_000,
      redeployTag: { key: "rollout-verifier:redeploy", value: "true" },
      probe: { issuer: "http://127.0.0.1:8080/issuer", audience: "orders-api" },
    });
  });
});
