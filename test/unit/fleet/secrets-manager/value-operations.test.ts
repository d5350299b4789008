import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

async function stagesById(h: Harness, secretId: string): Promise<unknown> {
  return (await h.call("DescribeSecret", { SecretId: secretId })).VersionIdsToStages;
}

describe("CreateSecret", () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it("uses ClientRequestToken as the first version's id, labelled AWSCURRENT", async () => {
    const created = await h.call("CreateSecret", {
      Name: "a",
      SecretString: "v1",
      ClientRequestToken: token(1),
    });
    expect(created.VersionId).toBe(token(1));
    expect(await stagesById(h, "a")).toEqual({ [token(1)]: ["AWSCURRENT"] });
  });

  it("is idempotent on the same token and value, and refuses the token with another value", async () => {
    const first = await h.call("CreateSecret", {
      Name: "a",
      SecretString: "v1",
      ClientRequestToken: token(1),
    });
    expect(
      await h.call("CreateSecret", { Name: "a", SecretString: "v1", ClientRequestToken: token(1) }),
    ).toEqual(first);
    expect(
      await errorTypeOf(() =>
        h.call("CreateSecret", { Name: "a", SecretString: "v2", ClientRequestToken: token(1) }),
      ),
    ).toBe("ResourceExistsException");
    expect(await errorTypeOf(() => h.call("CreateSecret", { Name: "a", SecretString: "v1" }))).toBe(
      "ResourceExistsException",
    );
  });

  it("creates a secret without a version when no value is given; its first put becomes AWSCURRENT", async () => {
    const created = await h.call("CreateSecret", { Name: "empty" });
    expect(created.VersionId).toBeUndefined();
    expect(await errorTypeOf(() => h.call("GetSecretValue", { SecretId: "empty" }))).toBe(
      "ResourceNotFoundException",
    );
    const put = await h.call("PutSecretValue", {
      SecretId: "empty",
      SecretString: "x",
      VersionStages: ["AWSPENDING"],
      ClientRequestToken: token(5),
    });
    expect(put.VersionStages).toEqual(["AWSPENDING", "AWSCURRENT"]);
  });

  it("rejects invalid names, both value kinds at once, and out-of-range tokens", async () => {
    expect(await errorTypeOf(() => h.call("CreateSecret", { Name: "bad name!" }))).toBe(
      "InvalidParameterException",
    );
    expect(
      await errorTypeOf(() => h.call("CreateSecret", { Name: "a", SecretString: "x", SecretBinary: "eA==" })),
    ).toBe("InvalidParameterException");
    expect(await errorTypeOf(() => h.call("CreateSecret", { Name: "a", ClientRequestToken: "short" }))).toBe(
      "InvalidParameterException",
    );
  });
});

describe("PutSecretValue and GetSecretValue", () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    await h.call("CreateSecret", { Name: "a", SecretString: "v1", ClientRequestToken: token(1) });
    h.advance(1_000);
  });

  it("moves AWSCURRENT without VersionStages and AWSPREVIOUS follows; the oldest version is deprecated", async () => {
    await h.call("PutSecretValue", { SecretId: "a", SecretString: "v2", ClientRequestToken: token(2) });
    await h.call("PutSecretValue", { SecretId: "a", SecretString: "v3", ClientRequestToken: token(3) });
    expect(await stagesById(h, "a")).toEqual({ [token(2)]: ["AWSPREVIOUS"], [token(3)]: ["AWSCURRENT"] });
  });

  it("attaches only the given labels, so AWSPENDING does not move AWSCURRENT", async () => {
    const put = await h.call("PutSecretValue", {
      SecretId: "a",
      SecretString: "v2",
      ClientRequestToken: token(2),
      VersionStages: ["AWSPENDING"],
    });
    expect(put.VersionStages).toEqual(["AWSPENDING"]);
    expect((await h.call("GetSecretValue", { SecretId: "a" })).SecretString).toBe("v1");
    expect((await h.call("GetSecretValue", { SecretId: "a", VersionStage: "AWSPENDING" })).SecretString).toBe(
      "v2",
    );
  });

  it("replays the same token and value without a new version, and refuses the token with another value", async () => {
    await h.call("PutSecretValue", { SecretId: "a", SecretString: "v2", ClientRequestToken: token(2) });
    const replay = await h.call("PutSecretValue", {
      SecretId: "a",
      SecretString: "v2",
      ClientRequestToken: token(2),
    });
    expect(replay.VersionStages).toEqual(["AWSCURRENT"]);
    expect(
      await errorTypeOf(() =>
        h.call("PutSecretValue", { SecretId: "a", SecretString: "v9", ClientRequestToken: token(2) }),
      ),
    ).toBe("ResourceExistsException");
    expect(await stagesById(h, "a")).toEqual({ [token(1)]: ["AWSPREVIOUS"], [token(2)]: ["AWSCURRENT"] });
  });

  it("reads by VersionId, by VersionStage, or both when they agree, with the version's own CreatedDate", async () => {
    await h.call("PutSecretValue", { SecretId: "a", SecretString: "v2", ClientRequestToken: token(2) });
    const previous = await h.call("GetSecretValue", { SecretId: "a", VersionStage: "AWSPREVIOUS" });
    expect(previous).toMatchObject({
      VersionId: token(1),
      SecretString: "v1",
      VersionStages: ["AWSPREVIOUS"],
    });
    expect(previous.CreatedDate).toBe(Date.parse("2025-06-01T03:14:00Z") / 1000);
    const both = await h.call("GetSecretValue", {
      SecretId: "a",
      VersionId: token(2),
      VersionStage: "AWSCURRENT",
    });
    expect(both.SecretString).toBe("v2");
    expect(
      await errorTypeOf(() =>
        h.call("GetSecretValue", { SecretId: "a", VersionId: token(1), VersionStage: "AWSCURRENT" }),
      ),
    ).toBe("InvalidRequestException");
    expect(
      await errorTypeOf(() => h.call("GetSecretValue", { SecretId: "a", VersionStage: "AWSPENDING" })),
    ).toBe("ResourceNotFoundException");
    expect(await errorTypeOf(() => h.call("GetSecretValue", { SecretId: "a", VersionId: token(9) }))).toBe(
      "ResourceNotFoundException",
    );
  });

  it("returns the new AWSCURRENT without VersionStage after UpdateSecretVersionStage (unlike moto)", async () => {
    await h.call("PutSecretValue", {
      SecretId: "a",
      SecretString: "v2",
      ClientRequestToken: token(2),
      VersionStages: ["AWSPENDING"],
    });
    await h.call("UpdateSecretVersionStage", {
      SecretId: "a",
      VersionStage: "AWSCURRENT",
      MoveToVersionId: token(2),
      RemoveFromVersionId: token(1),
    });
    expect((await h.call("GetSecretValue", { SecretId: "a" })).SecretString).toBe("v2");
  });

  it("stores SecretBinary as base64 and returns it unchanged", async () => {
    await h.call("PutSecretValue", { SecretId: "a", SecretBinary: "AAEC", ClientRequestToken: token(2) });
    const read = await h.call("GetSecretValue", { SecretId: "a" });
    expect(read.SecretBinary).toBe("AAEC");
    expect(read.SecretString).toBeUndefined();
  });
});
