import { DescribeServiceRevisionsCommand, ECSClient } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createServiceRevisionsAdapter } from "../../../../lambda/adapters/ecs/service-revisions-adapter.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const ecsMock = mockClient(ECSClient);
const adapter = createServiceRevisionsAdapter(new ECSClient({ region: "eu-west-1" }));
const revisionArn =
  "arn:aws:ecs:eu-west-1:123456789012:service-revision/orders-prod/orders-api/9313423515462893900";

beforeEach(() => ecsMock.reset());

describe("DescribeServiceRevisions", () => {
  it("gives the revision's task definition, cluster and service", async () => {
    ecsMock.on(DescribeServiceRevisionsCommand, { serviceRevisionArns: [revisionArn] }).resolves({
      serviceRevisions: [
        {
          serviceRevisionArn: revisionArn,
          serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
          clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod",
          taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-api:43",
        },
      ],
      failures: [],
    });
    expect(await adapter.describeServiceRevision(revisionArn)).toEqual({
      serviceRevisionArn: revisionArn,
      serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
      clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod",
      taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-api:43",
    });
  });

  it("fails typed, naming the revision, when ECS reports it under failures", async () => {
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [],
      failures: [{ arn: revisionArn, reason: "MISSING" }],
    });
    await expect(adapter.describeServiceRevision(revisionArn)).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      message: expect.stringContaining(revisionArn),
    });
  });

  it("fails typed when the call itself fails", async () => {
    ecsMock.on(DescribeServiceRevisionsCommand).rejects(new Error("AccessDeniedException"));
    await expect(adapter.describeServiceRevision(revisionArn)).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "DescribeServiceRevisions",
    });
  });
});
