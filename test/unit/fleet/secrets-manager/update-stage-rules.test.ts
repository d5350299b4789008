import { describe, expect, it } from "vitest";
import type { SecretRecord } from "../../../../fleet/secrets-manager/secret-store.js";
import { applyStageUpdate } from "../../../../fleet/secrets-manager/update-stage-rules.js";
import { errorTypeOf } from "./secrets-manager-harness.js";

function secretWith(...stages: string[][]): SecretRecord {
  return {
    arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf",
    name: "s",
    createdDate: new Date(0),
    lastChangedDate: new Date(0),
    tags: [],
    versions: new Map(
      stages.map((labels, index) => [
        `v${index}`,
        { versionId: `v${index}`, createdDate: new Date(0), stages: [...labels] },
      ]),
    ),
  };
}

function stagesOf(secret: SecretRecord): string[][] {
  return [...secret.versions.values()].map((version) => version.stages);
}

describe("applyStageUpdate", () => {
  it("moves AWSCURRENT when RemoveFromVersionId names the current holder, and AWSPREVIOUS follows", () => {
    const secret = secretWith(["AWSPREVIOUS"], ["AWSCURRENT"], ["AWSPENDING"]);
    applyStageUpdate(secret, { label: "AWSCURRENT", moveToVersionId: "v2", removeFromVersionId: "v1" });
    expect(stagesOf(secret)).toEqual([[], ["AWSPREVIOUS"], ["AWSPENDING", "AWSCURRENT"]]);
  });

  it("refuses to move AWSCURRENT without RemoveFromVersionId and changes nothing", async () => {
    const secret = secretWith(["AWSCURRENT"], []);
    const type = await errorTypeOf(() =>
      applyStageUpdate(secret, { label: "AWSCURRENT", moveToVersionId: "v1" }),
    );
    expect(type).toBe("InvalidParameterException");
    expect(stagesOf(secret)).toEqual([["AWSCURRENT"], []]);
  });

  it("refuses a RemoveFromVersionId that does not carry the label", async () => {
    const secret = secretWith(["AWSCURRENT"], [], []);
    const type = await errorTypeOf(() =>
      applyStageUpdate(secret, { label: "AWSCURRENT", moveToVersionId: "v2", removeFromVersionId: "v1" }),
    );
    expect(type).toBe("InvalidParameterException");
    expect(stagesOf(secret)).toEqual([["AWSCURRENT"], [], []]);
  });

  it("requires RemoveFromVersionId for a custom label held by another version too", async () => {
    const secret = secretWith(["AWSCURRENT", "blue"], []);
    expect(await errorTypeOf(() => applyStageUpdate(secret, { label: "blue", moveToVersionId: "v1" }))).toBe(
      "InvalidParameterException",
    );
  });

  it("refuses unknown version ids", async () => {
    const secret = secretWith(["AWSCURRENT"]);
    expect(await errorTypeOf(() => applyStageUpdate(secret, { label: "x", moveToVersionId: "nope" }))).toBe(
      "InvalidParameterException",
    );
  });

  it("removes a custom label with RemoveFromVersionId alone, leaving the version deprecated", () => {
    const secret = secretWith(["AWSCURRENT"], ["blue"]);
    applyStageUpdate(secret, { label: "blue", removeFromVersionId: "v1" });
    expect(stagesOf(secret)).toEqual([["AWSCURRENT"], []]);
  });

  it("never removes AWSCURRENT without moving it", async () => {
    const secret = secretWith(["AWSCURRENT"]);
    expect(
      await errorTypeOf(() => applyStageUpdate(secret, { label: "AWSCURRENT", removeFromVersionId: "v0" })),
    ).toBe("InvalidParameterException");
    expect(stagesOf(secret)).toEqual([["AWSCURRENT"]]);
  });

  it("attaches an unheld label without RemoveFromVersionId", () => {
    const secret = secretWith(["AWSCURRENT"], []);
    applyStageUpdate(secret, { label: "AWSPENDING", moveToVersionId: "v1" });
    expect(stagesOf(secret)).toEqual([["AWSCURRENT"], ["AWSPENDING"]]);
  });

  it("refuses a call with neither MoveToVersionId nor RemoveFromVersionId", async () => {
    expect(await errorTypeOf(() => applyStageUpdate(secretWith(["AWSCURRENT"]), { label: "x" }))).toBe(
      "InvalidParameterException",
    );
  });
});
