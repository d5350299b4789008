import { ECSClient } from "@aws-sdk/client-ecs";
import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { createEcsAdapter } from "../../../lambda/adapters/ecs/ecs-adapter.js";
import { createHttpProbe } from "../../../lambda/adapters/probe-http/http-probe.js";
import { createProbeSigner } from "../../../lambda/adapters/probe-http/probe-signer.js";
import { createSecretsAdapter } from "../../../lambda/adapters/secrets-manager/secrets-adapter.js";
import { readConfig } from "../../../lambda/config.js";
import { requestFor } from "../../../lambda/core/intake/route-trigger.js";
import type { ProbePort } from "../../../lambda/core/ports.js";
import { runVerification } from "../../../lambda/core/run-verification.js";
import type { Harness } from "../scenarios/scenario-harness.js";
import { expectNoLeak, faultFleet, newValue } from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("a CLI run beside the Lambda", () => {
  it("re-reads the service just before UpdateService and waits on the deployment the Lambda forced", async () => {
    harness = await faultFleet(1, 2);
    const current = harness;
    const client = {
      endpoint: current.fleet.endpoint,
      region: current.fleet.identity.region,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    };
    const http = createHttpProbe();
    // The CLI's run holds its first probe until the Lambda has forced: it planned from ECS as it was
    // before that deployment, and acts after it.
    const rotatedAt = Date.now();
    const lambdaForced = current.fleet.waitFor(
      () => current.forcedDeployments("svc-0")[0],
      "the Lambda forces",
    );
    const probe: ProbePort = {
      probe: async (request) => {
        await lambdaForced;
        return http.probe(request);
      },
      ...(http.release ? { release: http.release.bind(http) } : {}),
    };
    // ECS takes a second to apply the Lambda's UpdateService: the CLI reads the fleet meanwhile.
    current.fleet.faults.set("ecs.UpdateService", { latencyMs: 1_000 });
    await current.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newValue }));
    await current.fleet.waitFor(
      () =>
        current.fleet.callLog.entries({ operation: "DescribeTasks" }).find((entry) => entry.at >= rotatedAt),
      "the Lambda's run reads the tasks",
    );
    const cliRun = runVerification(
      requestFor("prod/jwt", { kind: "direct", secretId: "prod/jwt", eventId: null, eventTime: null }, null, {
        ...readConfig({}),
        clusters: ["prod"],
      }),
      {
        ecs: createEcsAdapter({ ecs: new ECSClient(client) }),
        secrets: createSecretsAdapter(new SecretsManagerClient(client)),
        probe,
        signer: createProbeSigner(),
        clock: { now: () => new Date() },
        newId: () => "cli-run",
      },
    );
    const cli = await cliRun;
    current.fleet.faults.clear();
    await current.settle();
    expect(current.forcedDeployments("svc-0")).toHaveLength(1);
    const lambdaForcing = current
      .reports()
      .flatMap((report) => report.services)
      .filter((service) => service.service === "svc-0" && service.action === "forced-deployment");
    const cliService = cli.services.find((service) => service.service === "svc-0");
    expect(cliService?.action).toBe("none");
    expect(cliService?.verdict).toBe("wait");
    expect(cliService?.reason).toContain("by someone else just before this run could force one");
    expect(cliService?.deploymentId).toBeTruthy();
    // The CLI waited on exactly the deployment the Lambda forced: one forced deployment, by the Lambda.
    expect(lambdaForcing.map((service) => service.deploymentId)).toEqual([cliService?.deploymentId]);
    expectNoLeak(current);
    expect(JSON.stringify(cli)).not.toContain(newValue);
  });
});
