import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTrigger } from "../../../../lambda/core/intake/parse-trigger.js";
import { ErrorCode } from "../../../../lambda/errors.js";
import { eventFixtureNames, eventVariant } from "../aws-fixtures.js";

const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const newVersion = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";

function expectMalformed(event: unknown): void {
  expect(() => parseTrigger(event)).toThrowError(expect.objectContaining({ code: ErrorCode.eventMalformed }));
}

describe("parseTrigger with the shared event fixtures", () => {
  it("has a test for every event fixture file", () => {
    const files = readdirSync(new URL("../../../fixtures/aws/events/", import.meta.url)).sort();
    expect(files).toEqual([...eventFixtureNames].sort());
  });

  it("reads Secret Label Updated as an exact cut-over carrying the new version id", () => {
    expect(parseTrigger(eventVariant("secretsmanager-secret-label-updated.json"))).toEqual({
      kind: "secret-label-updated",
      secretId: secretArn,
      versionId: newVersion,
      timing: "at-cutover",
      eventId: "4a8c2e6f-0b3d-4e7a-9c1f-5b7d9f1a3c5e",
      eventTime: new Date("2025-06-01T03:14:20Z"),
    });
  });

  it("reads RotationSucceeded from additionalEventData.SecretId as an event after the cut-over", () => {
    expect(parseTrigger(eventVariant("secretsmanager-rotation-succeeded.json"))).toMatchObject({
      kind: "rotation-succeeded",
      secretId: secretArn,
      versionId: null,
      timing: "after-cutover",
    });
  });

  it("reads UpdateSecretVersionStage moving AWSCURRENT as the cut-over with moveToVersionId", () => {
    expect(parseTrigger(eventVariant("cloudtrail-updatesecretversionstage.json"))).toMatchObject({
      kind: "update-secret-version-stage",
      secretId: secretArn,
      versionId: newVersion,
      timing: "at-cutover",
      eventTime: new Date("2025-06-01T03:14:20Z"),
    });
  });

  it("ignores PutSecretValue with only AWSPENDING because createSecret is not a cut-over", () => {
    const trigger = parseTrigger(eventVariant("cloudtrail-putsecretvalue.json"));
    expect(trigger).toMatchObject({
      kind: "ignored",
      received: "aws.secretsmanager/AWS API Call via CloudTrail/PutSecretValue",
    });
    expect(trigger.kind === "ignored" && trigger.reason).toContain("not a cut-over");
  });

  it("reads RotateSecret by name, preferring the ARN from responseElements, as an event before the cut-over", () => {
    expect(parseTrigger(eventVariant("cloudtrail-rotatesecret.json"))).toMatchObject({
      kind: "rotate-secret",
      secretId: secretArn,
      versionId: newVersion,
      timing: "before-cutover",
    });
  });

  it("reads a COMPLETED deployment with its cluster, service and deployment id", () => {
    expect(parseTrigger(eventVariant("ecs-deployment-state-change.json"))).toMatchObject({
      kind: "deployment-state-change",
      serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
      clusterName: "orders-prod",
      serviceName: "orders-api",
      deploymentId: "ecs-svc/7250134588163391826",
      state: "COMPLETED",
    });
  });
});

describe("parseTrigger variants", () => {
  it("treats PutSecretValue without versionStages as a cut-over whose new version is clientRequestToken", () => {
    const event = eventVariant("cloudtrail-putsecretvalue.json", (e) => {
      delete e.detail.requestParameters.versionStages;
    });
    expect(parseTrigger(event)).toMatchObject({
      kind: "put-secret-value",
      secretId: secretArn,
      versionId: newVersion,
    });
  });

  it("treats PutSecretValue with AWSCURRENT among its stages as a cut-over", () => {
    const event = eventVariant("cloudtrail-putsecretvalue.json", (e) => {
      e.detail.requestParameters.versionStages = ["AWSCURRENT", "custom"];
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "put-secret-value", timing: "at-cutover" });
  });

  it("accepts the pre-2024 aRN spelling in responseElements", () => {
    const event = eventVariant("cloudtrail-rotatesecret.json", (e) => {
      e.detail.responseElements = { aRN: secretArn };
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "rotate-secret", secretId: secretArn });
  });

  it("falls back to the requested secret id (a name) when the response carries no ARN", () => {
    const event = eventVariant("cloudtrail-rotatesecret.json", (e) => {
      e.detail.responseElements = null;
    });
    expect(parseTrigger(event)).toMatchObject({
      kind: "rotate-secret",
      secretId: "prod/orders/jwt-signing-key",
    });
  });

  it("falls back to serviceEventDetails.secretId, then resources[0], for RotationSucceeded", () => {
    const fromDetails = eventVariant("secretsmanager-rotation-succeeded.json", (e) => {
      e.detail.additionalEventData = null;
      e.detail.serviceEventDetails = { secretId: "arn:from-details" };
    });
    const fromResources = eventVariant("secretsmanager-rotation-succeeded.json", (e) => {
      e.detail.additionalEventData = {};
      e.resources = ["arn:from-resources"];
    });
    expect(parseTrigger(fromDetails)).toMatchObject({ secretId: "arn:from-details" });
    expect(parseTrigger(fromResources)).toMatchObject({ secretId: "arn:from-resources" });
  });

  it("rejects a RotationSucceeded that names no secret anywhere", () => {
    expectMalformed(
      eventVariant("secretsmanager-rotation-succeeded.json", (e) => {
        e.detail.additionalEventData = null;
      }),
    );
  });

  it("ignores other rotation steps such as RotationFailed", () => {
    const event = eventVariant("secretsmanager-rotation-succeeded.json", (e) => {
      e.detail.eventName = "RotationFailed";
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "ignored" });
  });

  it("ignores UpdateSecretVersionStage for a custom stage", () => {
    const event = eventVariant("cloudtrail-updatesecretversionstage.json", (e) => {
      e.detail.requestParameters.versionStage = "blue";
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "ignored" });
  });

  it("ignores a CloudTrail call that failed, because it moved nothing", () => {
    const event = eventVariant("cloudtrail-updatesecretversionstage.json", (e) => {
      e.detail.errorCode = "AccessDeniedException";
    });
    const trigger = parseTrigger(event);
    expect(trigger.kind === "ignored" && trigger.reason).toContain("AccessDeniedException");
  });

  it("reads UpdateSecret with a new value as a cut-over and ignores a metadata-only UpdateSecret", () => {
    const withValue = eventVariant("cloudtrail-rotatesecret.json", (e) => {
      e.detail.eventName = "UpdateSecret";
    });
    const metadata = eventVariant("cloudtrail-rotatesecret.json", (e) => {
      e.detail.eventName = "UpdateSecret";
      delete e.detail.requestParameters.clientRequestToken;
    });
    expect(parseTrigger(withValue)).toMatchObject({ kind: "update-secret", timing: "at-cutover" });
    expect(parseTrigger(metadata)).toMatchObject({ kind: "ignored" });
  });

  it("ignores a label update that is not AWSCURRENT", () => {
    const event = eventVariant("secretsmanager-secret-label-updated.json", (e) => {
      e.detail.labelUpdated = "blue";
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "ignored" });
  });

  it("rejects a Secret Label Updated without a version id", () => {
    expectMalformed(
      eventVariant("secretsmanager-secret-label-updated.json", (e) => {
        delete e.detail.versionId;
      }),
    );
  });

  it("reads a FAILED deployment and ignores an IN_PROGRESS one", () => {
    const failed = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.detail.eventName = "SERVICE_DEPLOYMENT_FAILED";
    });
    const rolling = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.detail.eventName = "SERVICE_DEPLOYMENT_IN_PROGRESS";
    });
    expect(parseTrigger(failed)).toMatchObject({ kind: "deployment-state-change", state: "FAILED" });
    expect(parseTrigger(rolling)).toMatchObject({ kind: "ignored" });
  });

  it("rejects a deployment event whose resource is not a service ARN", () => {
    expectMalformed(
      eventVariant("ecs-deployment-state-change.json", (e) => {
        e.resources = [];
      }),
    );
  });

  it("reads an old-format service ARN without a cluster", () => {
    const event = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.resources = ["arn:aws:ecs:eu-west-1:123456789012:service/orders-api"];
    });
    expect(parseTrigger(event)).toMatchObject({ clusterName: null, serviceName: "orders-api" });
  });

  it("reads an EventBridge Scheduled Event as a sweep", () => {
    const event = {
      version: "0",
      id: "sweep-1",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      time: "2025-06-01T04:00:00Z",
      resources: ["arn:aws:events:eu-west-1:123456789012:rule/sweep"],
      detail: {},
    };
    expect(parseTrigger(event)).toEqual({
      kind: "sweep",
      eventId: "sweep-1",
      eventTime: new Date("2025-06-01T04:00:00Z"),
    });
  });

  it("reads a direct invocation with clusters and dryRun", () => {
    expect(parseTrigger({ secretId: secretArn, clusters: ["orders-prod"], dryRun: true })).toEqual({
      kind: "direct",
      secretId: secretArn,
      clusters: ["orders-prod"],
      dryRun: true,
      eventId: null,
      eventTime: null,
    });
  });

  it("rejects a direct invocation with a wrongly typed field", () => {
    expectMalformed({ secretId: secretArn, dryRun: "yes" });
  });

  it("refuses a direct invocation's cluster that ECS could not name, quoting only its start", () => {
    const long = "a".repeat(10_000);
    expect(() => parseTrigger({ secretId: secretArn, clusters: ["orders-prod", long] })).toThrowError(
      expect.objectContaining({
        code: ErrorCode.eventMalformed,
        name: "EventMalformedError",
        message: expect.stringContaining("field clusters[1]"),
      }),
    );
    try {
      parseTrigger({ secretId: secretArn, clusters: [long] });
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(400);
    }
    for (const bad of ["orders prod", "orders/prod", "arn:aws:ecs:eu-west-1:123456789012:service/orders/api"])
      expectMalformed({ secretId: secretArn, clusters: [bad] });
    expectMalformed({ secretId: "arn:aws:ssm:eu-west-1:123456789012:parameter/x" });
  });

  it("refuses a cluster or secret ARN outside the function's account and region, naming the field", () => {
    const place = { region: "eu-west-1", account: "123456789012" };
    const elsewhere = "arn:aws:ecs:us-east-1:123456789012:cluster/orders-prod";
    expect(() => parseTrigger({ secretId: secretArn, clusters: [elsewhere] }, place)).toThrowError(
      /field clusters\[0\].*region us-east-1, not the function's region eu-west-1/,
    );
    expect(() =>
      parseTrigger(
        { secretId: secretArn, clusters: ["arn:aws:ecs:eu-west-1:210987654321:cluster/orders-prod"] },
        place,
      ),
    ).toThrowError(/field clusters\[0\].*account 210987654321/);
    expect(() => parseTrigger({ secretId: secretArn.replace("eu-west-1", "us-east-1") }, place)).toThrowError(
      /field secretId/,
    );
    expect(
      parseTrigger(
        { secretId: secretArn, clusters: ["arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod"] },
        place,
      ),
    ).toMatchObject({ kind: "direct" });
  });

  it("ignores an unknown shape and names only its keys", () => {
    expect(parseTrigger({ hello: "world" })).toMatchObject({
      kind: "ignored",
      received: "object with keys hello",
    });
    expect(parseTrigger("ping")).toMatchObject({ kind: "ignored", received: "string" });
  });

  it("ignores events from sources the verifier does not handle", () => {
    const event = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.source = "aws.s3";
    });
    expect(parseTrigger(event)).toMatchObject({ kind: "ignored" });
  });
});
