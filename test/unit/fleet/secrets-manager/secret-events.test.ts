import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../../fleet/contracts.js";
import { createHarness, type Harness, token } from "./secrets-manager-harness.js";

const FIXTURES = fileURLToPath(new URL("../../../fixtures/aws/events", import.meta.url));

function fixture(name: string): FleetEvent {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}.json`, "utf8")) as FleetEvent;
}

function keysOf(value: object): string[] {
  return Object.keys(value).sort();
}

function summary(event: FleetEvent): string {
  const name = event.detail.eventName ?? event.detail.labelUpdated;
  return `${event["detail-type"]}:${String(name)}`;
}

describe("Secrets Manager events", () => {
  let h: Harness;
  let arn: string;
  beforeEach(async () => {
    h = createHarness();
    arn = (
      await h.call("CreateSecret", {
        Name: "jwt",
        SecretString: "a".repeat(40),
        ClientRequestToken: token(1),
      })
    ).ARN as string;
    h.events.length = 0;
  });

  it("emits envelopes with the fixtures' keys, ISO times, and the fleet's account and region", async () => {
    await h.call("RotateSecret", { SecretId: "jwt", ClientRequestToken: token(2) });
    const byName = (name: string) =>
      h.events.find((event) => summary(event).endsWith(`:${name}`)) as FleetEvent;
    const pairs: [FleetEvent, FleetEvent][] = [
      [byName("RotateSecret"), fixture("cloudtrail-rotatesecret")],
      [byName("PutSecretValue"), fixture("cloudtrail-putsecretvalue")],
      [byName("UpdateSecretVersionStage"), fixture("cloudtrail-updatesecretversionstage")],
      [byName("RotationSucceeded"), fixture("secretsmanager-rotation-succeeded")],
      [byName("AWSCURRENT"), fixture("secretsmanager-secret-label-updated")],
    ];
    for (const [event, expected] of pairs) {
      expect(keysOf(event)).toEqual(keysOf(expected));
      expect(keysOf(event.detail)).toEqual(keysOf(expected.detail));
      expect(event).toMatchObject({
        account: "123456789012",
        region: "eu-west-1",
        time: "2025-06-01T03:14:00Z",
      });
    }
  });

  it("follows the documented order of one rotation", async () => {
    await h.call("RotateSecret", { SecretId: "jwt", ClientRequestToken: token(2) });
    expect(h.events.map(summary)).toEqual([
      "AWS API Call via CloudTrail:RotateSecret",
      "AWS Service Event via CloudTrail:RotationStarted",
      "AWS API Call via CloudTrail:PutSecretValue",
      "AWS API Call via CloudTrail:UpdateSecretVersionStage",
      "Secret Label Updated:AWSCURRENT",
      "AWS Service Event via CloudTrail:RotationSucceeded",
    ]);
    const [, started, pending, finish, label, succeeded] = h.events as FleetEvent[];
    expect(started?.detail.additionalEventData).toEqual({ SecretId: arn });
    expect(succeeded?.detail).toMatchObject({ requestParameters: null, responseElements: null });
    expect(pending?.detail.requestParameters).toEqual({
      secretId: arn,
      clientRequestToken: token(2),
      versionStages: ["AWSPENDING"],
    });
    expect(finish?.detail.requestParameters).toEqual({
      secretId: arn,
      versionStage: "AWSCURRENT",
      moveToVersionId: token(2),
      removeFromVersionId: token(1),
    });
    expect(label).toMatchObject({
      resources: [arn],
      detail: { name: "jwt", labelUpdated: "AWSCURRENT", versionId: token(2) },
    });
  });

  it("logs PutSecretValue with the SecretId as passed, versionStages only when given, and a label event only when AWSCURRENT moves", async () => {
    await h.call("PutSecretValue", {
      SecretId: "jwt",
      SecretString: "b".repeat(40),
      ClientRequestToken: token(2),
    });
    await h.call("PutSecretValue", {
      SecretId: arn.slice(0, -7),
      SecretString: "c".repeat(40),
      ClientRequestToken: token(3),
      VersionStages: ["AWSPENDING"],
    });
    expect(h.events.map(summary)).toEqual([
      "AWS API Call via CloudTrail:PutSecretValue",
      "Secret Label Updated:AWSCURRENT",
      "AWS API Call via CloudTrail:PutSecretValue",
    ]);
    expect(h.events[0]?.detail.requestParameters).toEqual({ secretId: "jwt", clientRequestToken: token(2) });
    expect(h.events[0]?.detail.responseElements).toEqual({ arn });
    expect(h.events[2]?.detail.requestParameters).toMatchObject({
      secretId: arn.slice(0, -7),
      versionStages: ["AWSPENDING"],
    });
  });

  it("never puts a secret value into an event", async () => {
    await h.call("PutSecretValue", {
      SecretId: "jwt",
      SecretString: "SENTINEL-VALUE-1234567890",
      ClientRequestToken: token(2),
    });
    await h.call("RotateSecret", { SecretId: "jwt" });
    expect(JSON.stringify(h.events)).not.toMatch(/SENTINEL|aaaaaaaaaa/);
  });

  it("gives every event a fresh id", async () => {
    await h.call("RotateSecret", { SecretId: "jwt" });
    expect(new Set(h.events.map((event) => event.id)).size).toBe(h.events.length);
  });
});
