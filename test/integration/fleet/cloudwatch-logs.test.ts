import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsTargetPrefix } from "../../../fleet/cloudwatch-logs/create-logs-api.js";
import { loadServiceModel, validateOperationOutput } from "../../../fleet/model-shapes/validate-shape.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";

const file = join(mkdtempSync(join(tmpdir(), "fleet-logs-")), "rollout-verifier.log");
const lines = [
  "START RequestId: 1 Version: $LATEST",
  JSON.stringify({
    level: "INFO",
    message: "rollout verification summary",
    secretName: "prod/jwt",
    timestamp: "2026-05-01T11:00:00.000Z",
  }),
  JSON.stringify({
    level: "INFO",
    message: "rollout verification service",
    secretName: "prod/jwt",
    timestamp: "2026-05-01T11:00:00.100Z",
  }),
  JSON.stringify({
    level: "WARN",
    message: "task not current",
    secretName: "prod/jwt",
    timestamp: "2026-05-01T11:00:00.200Z",
  }),
  JSON.stringify({
    level: "INFO",
    message: "rollout verification summary",
    secretName: "prod/other",
    timestamp: "2026-05-01T12:00:00.000Z",
  }),
  "END RequestId: 1",
  "REPORT RequestId: 1\tDuration: 1.00 ms",
];
let fleet: Fleet;
const client = () =>
  new CloudWatchLogsClient({
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "fleet", secretAccessKey: "fleet" },
    maxAttempts: 1,
  });

beforeAll(async () => {
  writeFileSync(file, `${lines.join("\n")}\n`);
  fleet = await startFleet({ taskStartDelayMs: 0, functionLog: { file } });
});
afterAll(() => fleet.stop());

describe("the fleet's CloudWatch Logs", () => {
  it("answers FilterLogEvents from the local function's log, in the model's shapes, by pattern and time", async () => {
    const response = await fetch(fleet.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `${logsTargetPrefix}.FilterLogEvents`,
      },
      body: JSON.stringify({
        logGroupName: "/aws/lambda/rollout-verifier",
        filterPattern:
          '{ ($.message = "rollout verification summary" || $.message = "rollout verification service") && $.secretName = "prod/jwt" }',
      }),
    });
    const body = (await response.json()) as { events: { message: string; timestamp: number }[] };
    expect(validateOperationOutput(loadServiceModel("logs"), "FilterLogEvents", body)).toEqual([]);
    expect(body.events.map((event) => JSON.parse(event.message).message)).toEqual([
      "rollout verification summary",
      "rollout verification service",
    ]);
    expect(body.events[0]?.timestamp).toBe(Date.parse("2026-05-01T11:00:00.000Z"));
    const later = await client().send(
      new FilterLogEventsCommand({
        logGroupName: "/aws/lambda/rollout-verifier",
        startTime: Date.parse("2026-05-01T11:30:00.000Z"),
        filterPattern: '{ $.message = "rollout verification summary" }',
      }),
    );
    expect(later.events?.map((event) => JSON.parse(event.message ?? "").secretName)).toEqual(["prod/other"]);
  });

  it("pages with nextToken, and refuses an unknown log group or a pattern it cannot read", async () => {
    const logs = client();
    const first = await logs.send(
      new FilterLogEventsCommand({ logGroupName: "/aws/lambda/rollout-verifier", limit: 3 }),
    );
    expect(first.events).toHaveLength(3);
    const rest = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: "/aws/lambda/rollout-verifier",
        nextToken: first.nextToken,
      }),
    );
    expect([...(first.events ?? []), ...(rest.events ?? [])].map((event) => event.message)).toEqual(lines);
    expect(rest.nextToken).toBeUndefined();
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: "/nope" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      logs.send(
        new FilterLogEventsCommand({
          logGroupName: "/aws/lambda/rollout-verifier",
          filterPattern: "{ $.a ~ 1 }",
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("names the log group in a stand-in of the stack's outputs (DescribeStacks, query protocol)", async () => {
    const cloudFormation = new CloudFormationClient({
      endpoint: fleet.endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "fleet", secretAccessKey: "fleet" },
      maxAttempts: 1,
    });
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: "EcsRolloutVerifier" }));
    expect(answer.Stacks?.[0]?.Outputs).toContainEqual({
      OutputKey: "LogGroupName",
      OutputValue: "/aws/lambda/rollout-verifier",
    });
    await expect(
      cloudFormation.send(new DescribeStacksCommand({ StackName: "Other" })),
    ).rejects.toMatchObject({
      name: "ValidationError",
    });
  });
});
