import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsTargetPrefix } from "../../../fleet/cloudwatch-logs/create-logs-api.js";
import { loadServiceModel, validateOperationOutput } from "../../../fleet/model-shapes/validate-shape.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import { jwtScenario, withAwsLogs } from "../scenarios/scenario-builders.js";

const key = "worker-key-material-0123456789abcdef";
let fleet: Fleet;
const client = () =>
  new CloudWatchLogsClient({
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "fleet", secretAccessKey: "fleet" },
    maxAttempts: 1,
  });

beforeAll(async () => {
  const scenario = jwtScenario(
    [{ name: "prod/worker", value: key }],
    [{ name: "worker", image: "sample/worker:fingerprint", probePath: null, desiredCount: 1 }],
  );
  fleet = await startFleet({ taskStartDelayMs: 0, scenario: withAwsLogs(scenario, "/ecs/worker", "ecs") });
  await fleet.waitForSteadyState("prod", "worker");
});
afterAll(() => fleet.stop());

describe("the fleet keeps each task's container lines, answered by GetLogEvents", () => {
  it("serves the worker's startup fingerprint from prefix/container/task-id, in the model's shapes", async () => {
    const [task] = fleet.runningTasks("prod", "worker");
    const taskId = String(task?.taskArn).split("/").at(-1);
    const input = { logGroupName: "/ecs/worker", logStreamName: `ecs/app/${taskId}`, startFromHead: true };
    const response = await fetch(fleet.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `${logsTargetPrefix}.GetLogEvents`,
      },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { events: { message: string }[] };
    expect(response.status).toBe(200);
    expect(validateOperationOutput(loadServiceModel("logs"), "GetLogEvents", body)).toEqual([]);
    expect(body.events.map((event) => event.message).join("\n")).toContain(
      `key fingerprint: ${fingerprintKey(key)}`,
    );
    expect(JSON.stringify(body)).not.toContain(key);

    const logs = client();
    const first = await logs.send(new GetLogEventsCommand({ ...input, limit: 1 }));
    expect(first.events).toHaveLength(1);
    const rest = await logs.send(new GetLogEventsCommand({ ...input, nextToken: first.nextForwardToken }));
    expect(rest.events?.[0]?.message).toContain("key fingerprint:");
    const end = await logs.send(new GetLogEventsCommand({ ...input, nextToken: rest.nextForwardToken }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(rest.nextForwardToken);
    await expect(
      logs.send(new GetLogEventsCommand({ ...input, logStreamName: "ecs/app/no-such-task" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      logs.send(new GetLogEventsCommand({ ...input, logGroupName: "/ecs/other" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    logs.destroy();
  });
});
