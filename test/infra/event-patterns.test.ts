import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { matchesEventPattern } from "../../fleet/events/match-event-pattern.js";
import {
  ecsDeploymentStateChangePattern,
  putSecretValuePattern,
  rotationSucceededPattern,
  scopeToResources,
  secretLabelUpdatedPattern,
  updateSecretVersionStagePattern,
  verifierEventPatterns,
} from "../../lib/event-patterns.js";

const fixtures = new URL("../fixtures/aws/events/", import.meta.url);
function fixture(name: string): Record<string, unknown> & { detail: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
}

const labelUpdated = fixture("secretsmanager-secret-label-updated.json");
const rotationSucceeded = fixture("secretsmanager-rotation-succeeded.json");
const updateStage = fixture("cloudtrail-updatesecretversionstage.json");
const pendingPut = fixture("cloudtrail-putsecretvalue.json");
const rotateSecret = fixture("cloudtrail-rotatesecret.json");
const deploymentCompleted = fixture("ecs-deployment-state-change.json");
const allPatterns = Object.values(verifierEventPatterns);

/** The fixture put with its request parameters replaced, as an operator's manual put would log them. */
function putWith(requestParameters: Record<string, unknown>): Record<string, unknown> {
  return { ...pendingPut, detail: { ...pendingPut.detail, requestParameters } };
}

describe("exported event patterns against the AWS fixture events", () => {
  it("match the native Secret Label Updated AWSCURRENT event", () => {
    expect(matchesEventPattern(secretLabelUpdatedPattern, labelUpdated)).toBe(true);
  });

  it("ignore a label move that is not AWSCURRENT", () => {
    const custom = { ...labelUpdated, detail: { ...labelUpdated.detail, labelUpdated: "BLUE" } };
    expect(matchesEventPattern(secretLabelUpdatedPattern, custom)).toBe(false);
  });

  it("match the RotationSucceeded service event", () => {
    expect(matchesEventPattern(rotationSucceededPattern, rotationSucceeded)).toBe(true);
  });

  it("match UpdateSecretVersionStage moving AWSCURRENT, and not a failed or non-AWSCURRENT move", () => {
    expect(matchesEventPattern(updateSecretVersionStagePattern, updateStage)).toBe(true);
    const failed = { ...updateStage, detail: { ...updateStage.detail, errorCode: "AccessDenied" } };
    expect(matchesEventPattern(updateSecretVersionStagePattern, failed)).toBe(false);
    const params = updateStage.detail.requestParameters as Record<string, unknown>;
    const pending = {
      ...updateStage,
      detail: { ...updateStage.detail, requestParameters: { ...params, versionStage: "AWSPENDING" } },
    };
    expect(matchesEventPattern(updateSecretVersionStagePattern, pending)).toBe(false);
  });

  it("match the ECS deployment COMPLETED event, and not IN_PROGRESS", () => {
    expect(matchesEventPattern(ecsDeploymentStateChangePattern, deploymentCompleted)).toBe(true);
    const inProgress = {
      ...deploymentCompleted,
      detail: { ...deploymentCompleted.detail, eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS" },
    };
    expect(matchesEventPattern(ecsDeploymentStateChangePattern, inProgress)).toBe(false);
  });

  it("drop the rotation's AWSPENDING-only PutSecretValue: no pattern matches it", () => {
    expect(allPatterns.filter((pattern) => matchesEventPattern(pattern, pendingPut))).toEqual([]);
  });

  it("match a PutSecretValue without versionStages or with AWSCURRENT: both are cut-overs", () => {
    const { secretId, clientRequestToken } = pendingPut.detail.requestParameters as Record<string, string>;
    expect(matchesEventPattern(putSecretValuePattern, putWith({ secretId, clientRequestToken }))).toBe(true);
    const staged = putWith({ secretId, clientRequestToken, versionStages: ["AWSPENDING", "AWSCURRENT"] });
    expect(matchesEventPattern(putSecretValuePattern, staged)).toBe(true);
  });

  it("leave RotateSecret to the events that follow it: it starts a rotation, it is no cut-over", () => {
    expect(allPatterns.filter((pattern) => matchesEventPattern(pattern, rotateSecret))).toEqual([]);
  });

  it("route each fixture to exactly one pattern, so one event never starts two runs", () => {
    for (const event of [labelUpdated, rotationSucceeded, updateStage, deploymentCompleted])
      expect(allPatterns.filter((pattern) => matchesEventPattern(pattern, event))).toHaveLength(1);
  });
});

describe("verifierEventPatterns", () => {
  it("lists the native trigger, the deployment event and the three CloudTrail fallbacks", () => {
    expect(Object.keys(verifierEventPatterns)).toEqual([
      "secretLabelUpdated",
      "ecsDeploymentStateChange",
      "rotationSucceeded",
      "updateSecretVersionStage",
      "putSecretValue",
    ]);
  });
});

describe("scopeToResources", () => {
  it("keeps events whose resources match and drops others", () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
    expect(matchesEventPattern(scopeToResources(secretLabelUpdatedPattern, [arn]), labelUpdated)).toBe(true);
    const other = scopeToResources(secretLabelUpdatedPattern, [
      { prefix: "arn:aws:secretsmanager:eu-west-1:1:secret:x-" },
    ]);
    expect(matchesEventPattern(other, labelUpdated)).toBe(false);
  });

  it("treats an empty list as no narrowing", () => {
    expect(scopeToResources(secretLabelUpdatedPattern, [])).toBe(secretLabelUpdatedPattern);
  });
});
