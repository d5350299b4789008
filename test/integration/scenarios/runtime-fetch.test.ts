import { CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { fargateTaskDefinition } from "../../../fleet/scenario/fargate-task-definition.js";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import { MetricDimension, MetricName } from "../../../lambda/core/report/metric-names.js";
import { emfRecords, metricValues } from "./emf-records.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const secretName = "prod/jwt";
/**
 * The cache TTL, declared in the tags and used by the "cached" app. Everything that must happen
 * inside it is wall-clock work: the "cached" task's first read at start, the other service's start,
 * settling, and the rotation's run probing both tasks. Under load that can take seconds, and a TTL
 * running out first makes "cached" re-read (current, not refreshing) and the verdicts leave
 * `refreshing`: the margin must be generous, even though the test then waits the TTL out.
 */
const ttlSeconds = 15;

/**
 * A service whose app reads the secret through the Secrets Manager API (no `valueFrom` names it),
 * declared by its tags: `rollout-verifier:secret` and `rollout-verifier:cache-ttl`. `appTtl` is what
 * the app really does: its cache TTL in seconds, or `never` (it reads once at start).
 */
async function createRuntimeFetchService(h: Harness, name: string, appTtl: string): Promise<void> {
  await h.ecs.send(
    new RegisterTaskDefinitionCommand(
      fargateTaskDefinition(name, [
        {
          name: "app",
          image: "sample/jwt-api:runtime-fetch",
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [
            { name: "SECRET_ID", value: secretName },
            { name: "SECRET_CACHE_TTL_SECONDS", value: appTtl },
            { name: "AWS_ENDPOINT_URL", value: h.fleet.endpoint },
            { name: "AWS_REGION", value: h.fleet.identity.region },
          ],
        },
      ]),
    ),
  );
  await h.ecs.send(
    new CreateServiceCommand({
      cluster: "prod",
      serviceName: name,
      taskDefinition: name,
      desiredCount: 1,
      launchType: "FARGATE",
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ["subnet-0local"], securityGroups: ["sg-0local"] },
      },
      tags: [
        { key: "rollout-verifier:probe-path", value: "/api/orders" },
        { key: "rollout-verifier:secret", value: secretName },
        { key: "rollout-verifier:cache-ttl", value: String(ttlSeconds) },
      ],
    }),
  );
  await h.fleet.waitForSteadyState("prod", name);
}

/** Polls (50 ms steps) until the clock passes `time`: the TTL running out, not a fixed sleep. */
async function waitUntil(time: number): Promise<void> {
  while (Date.now() <= time) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("runtime-fetch consumers: found by their tags, judged with their cache TTL", () => {
  it("is refreshing inside its TTL with nothing forced; after it, a cache that refreshed is current and an app that reads once is proven stale and forced once", {
    timeout: 90_000,
  }, async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: secretName, value: "initial-shared-secret-0123456789abcdef" }],
        [{ name: "orders", image: "sample/jwt-api:jose", desiredCount: 1 }],
      ),
    );
    await createRuntimeFetchService(harness, "cached", String(ttlSeconds));
    await createRuntimeFetchService(harness, "read-once", "never");
    await harness.settle();
    const setupRuns = harness.reports().length;
    const setupLog = harness.log().length;

    await harness.secrets.send(new RotateSecretCommand({ SecretId: secretName }));
    await harness.settle();
    const rotation = harness.reports().slice(setupRuns);
    const [report] = rotation;
    expect(report).toBeDefined();
    for (const name of ["cached", "read-once"]) {
      const service = report?.services.find((entry) => entry.service === name);
      expect(service?.verdict).toBe("wait");
      expect(service?.action).toBe("none");
      expect(service?.tasks.map((task) => [task.verdict, task.evidence, task.probe.status])).toEqual([
        ["refreshing", "probe", "rejected"],
      ]);
      expect(service?.tasks[0]?.probe.secret).toMatchObject({ chosenBy: "runtime-fetch" });
      expect(harness.forcedDeployments(name)).toHaveLength(0);
    }
    // The injected consumer next to them is forced as usual.
    expect(harness.forcedDeployments("orders")).toHaveLength(1);
    // The dashboard's refreshing line: both tasks while their TTL runs.
    const secretWide = () =>
      emfRecords(harness?.log().slice(setupLog) ?? "").filter(
        (record) => record._aws.CloudWatchMetrics[0]?.Dimensions[0]?.join() === MetricDimension.secretName,
      );
    expect(metricValues(secretWide(), MetricName.tasksRefreshing)[0]).toBe(2);

    const cutover = Date.parse(report?.cutover ?? "");
    await waitUntil(cutover + ttlSeconds * 1000);
    const after = (await harness.verifier.lambda.invoke({ secretId: secretName })).result as HandlerResult;
    const services = after.reports?.[0]?.services ?? [];
    const cached = services.find((entry) => entry.service === "cached");
    expect(cached?.verdict).toBe("converged");
    expect(cached?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([["current", "probe"]]);
    const readOnce = services.find((entry) => entry.service === "read-once");
    expect(readOnce?.action).toBe("forced-deployment");
    expect(readOnce?.tasks.map((task) => [task.verdict, task.evidence])).toEqual([["stale", "probe"]]);
    expect(readOnce?.tasks[0]?.reason).toContain("did not refresh");
    await harness.settle();
    expect(harness.forcedDeployments("read-once")).toHaveLength(1);
    expect(harness.forcedDeployments("cached")).toHaveLength(0);
    expect(harness.latestServiceReport("read-once")?.verdict).toBe("converged");
    // Once the TTL ran out nothing is refreshing: the line falls to 0.
    expect(metricValues(secretWide(), MetricName.tasksRefreshing).at(-1)).toBe(0);
  });
});
