import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ECSClient, ListTagsForResourceCommand, TagResourceCommand } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createDemoFleet, demoCluster, demoServices } from "../../../demo/demo-services.js";
import { stagePartialRollout } from "../../../demo/stage-partial-rollout.js";
import { startLocalVerifier } from "../../../fleet/lambda/start-local-verifier.js";
import { waitUntilQuiet } from "../../../fleet/lambda/wait-until-quiet.js";
import type { CallLogEntry } from "../../../fleet/server-call-log.js";
import { startFleet } from "../../../fleet/start-fleet.js";
import { productUserAgent } from "../../../lambda/adapters/aws/aws-clients.js";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";

/** What the scenario gives the test: the product's calls, the triggers that ran, and each service's tags. */
export interface HandlerScenarioRun {
  readonly calls: readonly CallLogEntry[];
  readonly triggerKinds: ReadonlySet<string>;
  readonly tags: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/**
 * The demo's scenario against the bundled handler configured exactly as the stack configures it:
 * a rotation racing a rolling deployment, the forced deployments and the deployment events they
 * raise, then an hourly sweep. `environmentFor` turns the created secret's ARN into the function's
 * environment (the test takes it from the synthesized template). The services carry the redeploy tag.
 */
export async function runHandlerScenario(
  environmentFor: (secretArn: string) => Record<string, string>,
): Promise<HandlerScenarioRun> {
  const fleet = await startFleet({
    taskStartDelayMs: 40,
    deploymentPacing: { stepDelayMs: 30, tasksPerStep: 1 },
  });
  const clientConfig = {
    endpoint: fleet.endpoint,
    region: fleet.identity.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
  const clients = { ecs: new ECSClient(clientConfig), secrets: new SecretsManagerClient(clientConfig) };
  const serviceArn = (name: string) =>
    `arn:aws:ecs:${fleet.identity.region}:${fleet.identity.account}:service/${demoCluster}/${name}`;
  let verifier: ReturnType<typeof startLocalVerifier> | undefined;
  try {
    const secretArn = await createDemoFleet(clients, "iam-scenario-signing-key-0123456789abcdef");
    for (const service of demoServices) {
      await clients.ecs.send(
        new TagResourceCommand({
          resourceArn: serviceArn(service.name),
          tags: [{ key: "rollout-verifier:redeploy", value: "true" }],
        }),
      );
      await fleet.waitForSteadyState(demoCluster, service.name, { timeoutMs: 30_000 });
    }
    const logFile = join(mkdtempSync(join(tmpdir(), "verifier-iam-")), "rollout-verifier.log");
    verifier = startLocalVerifier(fleet, {
      logFile,
      config: environmentFor(secretArn),
      retryDelaysMs: [500],
    });
    await stagePartialRollout(fleet, clients);
    await waitUntilQuiet(fleet, verifier, 60_000);
    await verifier.lambda.invoke({
      version: "0",
      id: "iam-scenario-sweep",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      time: new Date().toISOString(),
      resources: [],
      detail: {},
    });
    const triggerKinds = new Set(
      verifier.lambda.invocations.flatMap((record) =>
        record.ok ? (record.result as HandlerResult).reports.map((report) => report.trigger.kind) : [],
      ),
    );
    const tags = new Map<string, Record<string, string>>();
    for (const service of demoServices) {
      const listed = await clients.ecs.send(
        new ListTagsForResourceCommand({ resourceArn: serviceArn(service.name) }),
      );
      tags.set(
        serviceArn(service.name),
        Object.fromEntries((listed.tags ?? []).map((tag) => [String(tag.key), String(tag.value)])),
      );
    }
    return { calls: fleet.callLog.entries({ userAgent: productUserAgent }), triggerKinds, tags };
  } finally {
    clients.ecs.destroy();
    clients.secrets.destroy();
    await verifier?.stop();
    await fleet.stop();
  }
}
