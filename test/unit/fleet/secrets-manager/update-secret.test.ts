import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

const T0 = Date.parse("2025-06-01T03:14:00.000Z");

async function describeSecret(h: Harness): Promise<Record<string, unknown>> {
  return h.call("DescribeSecret", { SecretId: "a" });
}

/** The events after `from`, as `detail-type/eventName-or-label`. */
function eventSummary(h: Harness, from: number): string[] {
  return h.events.slice(from).map((event) => {
    const detail = event.detail as { eventName?: string; labelUpdated?: string };
    return `${event["detail-type"]}/${detail.eventName ?? detail.labelUpdated}`;
  });
}

describe("UpdateSecret", () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    await h.call("CreateSecret", {
      Name: "a",
      SecretString: "v1",
      ClientRequestToken: token(1),
      Description: "first",
    });
    h.advance(1_000);
  });

  it("with a value creates a version, moves AWSCURRENT onto it and AWSPREVIOUS onto the old one", async () => {
    const updated = await h.call("UpdateSecret", {
      SecretId: "a",
      SecretString: "v2",
      ClientRequestToken: token(2),
    });
    const described = await describeSecret(h);
    expect(updated).toEqual({ ARN: described.ARN, Name: "a", VersionId: token(2) });
    expect(described.VersionIdsToStages).toEqual({
      [token(1)]: ["AWSPREVIOUS"],
      [token(2)]: ["AWSCURRENT"],
    });
    expect(described.LastChangedDate).toBe((T0 + 1_000) / 1000);
    expect(described.Description).toBe("first");
    const read = await h.call("GetSecretValue", { SecretId: "a" });
    expect([read.VersionId, read.SecretString]).toEqual([token(2), "v2"]);
  });

  it("logs the call to CloudTrail with the version id as clientRequestToken, then the AWSCURRENT label event", async () => {
    const from = h.events.length;
    await h.call("UpdateSecret", { SecretId: "a", SecretString: "v2", ClientRequestToken: token(2) });
    expect(eventSummary(h, from)).toEqual([
      "AWS API Call via CloudTrail/UpdateSecret",
      "Secret Label Updated/AWSCURRENT",
    ]);
    const [call, label] = h.events.slice(from);
    expect(call?.detail.requestParameters).toEqual({ secretId: "a", clientRequestToken: token(2) });
    expect(call?.detail.eventTime).toBe("2025-06-01T03:14:01Z");
    expect(label?.detail).toMatchObject({ labelUpdated: "AWSCURRENT", versionId: token(2) });
    expect(JSON.stringify(h.events)).not.toContain("v2");
  });

  it("with a binary value, and without a token, still creates an AWSCURRENT version under a fresh id", async () => {
    const updated = await h.call("UpdateSecret", { SecretId: "a", SecretBinary: "AAEC" });
    expect(typeof updated.VersionId).toBe("string");
    const read = await h.call("GetSecretValue", { SecretId: "a" });
    expect([read.VersionId, read.SecretBinary, read.VersionStages]).toEqual([
      updated.VersionId,
      "AAEC",
      ["AWSCURRENT"],
    ]);
  });

  it("without a value changes only metadata and LastChangedDate: no version, no VersionId, no label event", async () => {
    const from = h.events.length;
    const updated = await h.call("UpdateSecret", {
      SecretId: "a",
      Description: "second",
      KmsKeyId: "alias/custom",
      ClientRequestToken: token(2),
    });
    expect(updated).toEqual({ ARN: (await describeSecret(h)).ARN, Name: "a" });
    const described = await describeSecret(h);
    expect(described).toMatchObject({
      Description: "second",
      KmsKeyId: "alias/custom",
      LastChangedDate: (T0 + 1_000) / 1000,
      VersionIdsToStages: { [token(1)]: ["AWSCURRENT"] },
    });
    expect(eventSummary(h, from)).toEqual(["AWS API Call via CloudTrail/UpdateSecret"]);
    expect(h.events[from]?.detail.requestParameters).toEqual({
      secretId: "a",
      clientRequestToken: token(2),
      description: "second",
      kmsKeyId: "alias/custom",
    });
    expect(await errorTypeOf(() => h.call("GetSecretValue", { SecretId: "a", VersionId: token(2) }))).toBe(
      "ResourceNotFoundException",
    );
  });

  it("takes an empty KmsKeyId as the AWS managed key and an empty Description as none", async () => {
    await h.call("UpdateSecret", { SecretId: "a", KmsKeyId: "alias/custom" });
    await h.call("UpdateSecret", { SecretId: "a", KmsKeyId: "", Description: "" });
    const described = await describeSecret(h);
    expect(described.KmsKeyId).toBeUndefined();
    expect(described.Description).toBeUndefined();
  });

  it("replays the same token and value without a new version or label event, and refuses it with another value", async () => {
    await h.call("UpdateSecret", { SecretId: "a", SecretString: "v2", ClientRequestToken: token(2) });
    const from = h.events.length;
    const replay = await h.call("UpdateSecret", {
      SecretId: "a",
      SecretString: "v2",
      ClientRequestToken: token(2),
    });
    expect(replay.VersionId).toBe(token(2));
    expect(eventSummary(h, from)).toEqual(["AWS API Call via CloudTrail/UpdateSecret"]);
    expect(
      await errorTypeOf(() =>
        h.call("UpdateSecret", { SecretId: "a", SecretString: "v9", ClientRequestToken: token(2) }),
      ),
    ).toBe("ResourceExistsException");
    expect(
      await errorTypeOf(() =>
        h.call("UpdateSecret", { SecretId: "a", SecretString: "v9", ClientRequestToken: token(1) }),
      ),
    ).toBe("ResourceExistsException");
    expect((await describeSecret(h)).VersionIdsToStages).toEqual({
      [token(1)]: ["AWSPREVIOUS"],
      [token(2)]: ["AWSCURRENT"],
    });
  });

  it("refuses what the service refuses, changing nothing and logging nothing", async () => {
    const from = h.events.length;
    const refused = [
      { SecretId: "a" },
      { SecretId: "a", ClientRequestToken: token(2) },
      { SecretId: "a", SecretString: "x", SecretBinary: "eA==" },
      { SecretId: "a", SecretString: "x", ClientRequestToken: "short" },
      { SecretId: "a", Description: "d".repeat(2049) },
      { SecretString: "x" },
    ];
    for (const input of refused) {
      expect(await errorTypeOf(() => h.call("UpdateSecret", input))).toBe("InvalidParameterException");
    }
    expect(await errorTypeOf(() => h.call("UpdateSecret", { SecretId: "missing", SecretString: "x" }))).toBe(
      "ResourceNotFoundException",
    );
    expect(h.events.slice(from)).toEqual([]);
    const described = await describeSecret(h);
    expect(described.VersionIdsToStages).toEqual({ [token(1)]: ["AWSCURRENT"] });
    expect(described.LastChangedDate).toBe(T0 / 1000);
  });
});
