import { describe, expect, it } from "vitest";
import { parseTrigger } from "../../../../lambda/core/intake/parse-trigger.js";
import { ErrorCode } from "../../../../lambda/errors.js";
import { eventVariant } from "../aws-fixtures.js";
import { hookPayload, revisionArn } from "../gate/gate-harness.js";

const serviceArn = "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api";

function expectMalformed(event: unknown, fragment: string): void {
  expect(() => parseTrigger(event)).toThrowError(
    expect.objectContaining({ code: ErrorCode.eventMalformed, message: expect.stringContaining(fragment) }),
  );
}

describe("ECS Deployment State Change: which events re-verify a service", () => {
  it("ignores another aws.ecs detail-type (a task state change) without reading its detail", () => {
    const event = eventVariant("ecs-deployment-state-change.json", (e) => {
      e["detail-type"] = "ECS Task State Change";
      e.detail = { lastStatus: "RUNNING" };
    });
    expect(parseTrigger(event)).toMatchObject({
      kind: "ignored",
      reason: 'detail-type "ECS Task State Change" is not a deployment state change',
      received: "aws.ecs/ECS Task State Change",
    });
  });

  it("refuses a resources[0] that only contains a service ARN after other text", () => {
    const event = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.resources = [`see ${serviceArn}`];
    });
    expectMalformed(event, "resources[0]");
  });
});

describe("lifecycle hook: the service and revision ARNs must be whole ARNs", () => {
  function withDetails(edit: (details: Record<string, unknown>) => void) {
    return hookPayload((payload) => edit(payload.executionDetails as Record<string, unknown>));
  }

  it("refuses a service ARN with text before it or a third path segment after the service name", () => {
    for (const value of [`see ${serviceArn}`, `${serviceArn}/extra`])
      expectMalformed(
        withDetails((details) => {
          details.serviceArn = value;
        }),
        "serviceArn: not an ECS service ARN with a cluster",
      );
  });

  it("refuses a service revision ARN with text before it", () => {
    expectMalformed(
      withDetails((details) => {
        details.targetServiceRevisionArn = `see ${revisionArn}`;
      }),
      "targetServiceRevisionArn: not an ECS service revision ARN",
    );
  });
});

describe("CloudTrail calls on Secrets Manager", () => {
  it("ignores UpdateSecretVersionStage that removes AWSCURRENT without moving it: no version became current", () => {
    const event = eventVariant("cloudtrail-updatesecretversionstage.json", (e) => {
      delete e.detail.requestParameters.moveToVersionId;
    });
    expect(parseTrigger(event)).toMatchObject({
      kind: "ignored",
      reason: "removes AWSCURRENT without moving it: not a cut-over",
    });
  });

  it("falls back to aRN, then to the requested secret id, when responseElements.arn is empty", () => {
    const requested = "prod/orders/jwt-signing-key";
    const legacyArn =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
    const withResponse = (responseElements: Record<string, unknown>) =>
      eventVariant("cloudtrail-updatesecretversionstage.json", (e) => {
        e.detail.requestParameters.secretId = requested;
        e.detail.responseElements = responseElements;
      });
    expect(parseTrigger(withResponse({ arn: "", aRN: legacyArn }))).toMatchObject({ secretId: legacyArn });
    expect(parseTrigger(withResponse({ arn: "" }))).toMatchObject({
      kind: "update-secret-version-stage",
      secretId: requested,
    });
  });
});
