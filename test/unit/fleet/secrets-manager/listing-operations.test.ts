import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

describe("ListSecretVersionIds", () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    await h.call("CreateSecret", { Name: "a", SecretString: "v1", ClientRequestToken: token(1) });
    for (const n of [2, 3, 4]) {
      h.advance(60_000);
      await h.call("PutSecretValue", { SecretId: "a", SecretString: `v${n}`, ClientRequestToken: token(n) });
    }
  });

  it("lists labelled versions newest first, each with its own CreatedDate", async () => {
    const listed = await h.call("ListSecretVersionIds", { SecretId: "a" });
    expect(listed.Versions).toEqual([
      {
        VersionId: token(4),
        VersionStages: ["AWSCURRENT"],
        CreatedDate: Date.parse("2025-06-01T03:17:00Z") / 1000,
      },
      {
        VersionId: token(3),
        VersionStages: ["AWSPREVIOUS"],
        CreatedDate: Date.parse("2025-06-01T03:16:00Z") / 1000,
      },
    ]);
    expect(listed.NextToken).toBeUndefined();
  });

  it("includes deprecated versions, without a VersionStages key, only when asked", async () => {
    const listed = await h.call("ListSecretVersionIds", { SecretId: "a", IncludeDeprecated: true });
    const versions = listed.Versions as Record<string, unknown>[];
    expect(versions.map((version) => version.VersionId)).toEqual([token(4), token(3), token(2), token(1)]);
    expect(versions[3]).not.toHaveProperty("VersionStages");
  });

  it("pages with MaxResults and NextToken, and rejects a foreign token", async () => {
    const first = await h.call("ListSecretVersionIds", {
      SecretId: "a",
      IncludeDeprecated: true,
      MaxResults: 3,
    });
    expect((first.Versions as unknown[]).length).toBe(3);
    const second = await h.call("ListSecretVersionIds", {
      SecretId: "a",
      IncludeDeprecated: true,
      MaxResults: 3,
      NextToken: first.NextToken,
    });
    expect((second.Versions as { VersionId: string }[]).map((version) => version.VersionId)).toEqual([
      token(1),
    ]);
    expect(second.NextToken).toBeUndefined();
    expect(
      await errorTypeOf(() => h.call("ListSecretVersionIds", { SecretId: "a", NextToken: first.NextToken })),
    ).toBe("InvalidNextTokenException");
  });
});

describe("ListSecrets and tags", () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    for (const name of ["prod/orders/jwt", "prod/billing/jwt", "dev/orders/jwt"]) {
      h.advance(1_000);
      await h.call("CreateSecret", {
        Name: name,
        SecretString: "x",
        Tags: [{ Key: "env", Value: name.split("/")[0] }],
      });
    }
  });

  function names(result: Record<string, unknown>): string[] {
    return (result.SecretList as { Name: string }[]).map((entry) => entry.Name);
  }

  it("lists by CreatedDate with SecretVersionsToStages, paging with MaxResults", async () => {
    const first = await h.call("ListSecrets", { MaxResults: 2 });
    expect(names(first)).toEqual(["prod/orders/jwt", "prod/billing/jwt"]);
    expect((first.SecretList as Record<string, unknown>[])[0]).toHaveProperty("SecretVersionsToStages");
    const second = await h.call("ListSecrets", { MaxResults: 2, NextToken: first.NextToken });
    expect(names(second)).toEqual(["dev/orders/jwt"]);
  });

  it("filters by name prefix, tag value and negation", async () => {
    expect(names(await h.call("ListSecrets", { Filters: [{ Key: "name", Values: ["prod/"] }] }))).toEqual([
      "prod/orders/jwt",
      "prod/billing/jwt",
    ]);
    expect(names(await h.call("ListSecrets", { Filters: [{ Key: "tag-value", Values: ["dev"] }] }))).toEqual([
      "dev/orders/jwt",
    ]);
    expect(names(await h.call("ListSecrets", { Filters: [{ Key: "name", Values: ["!prod"] }] }))).toEqual([
      "dev/orders/jwt",
    ]);
  });

  it("adds, overwrites and removes tags, moving LastChangedDate", async () => {
    h.advance(5_000);
    await h.call("TagResource", {
      SecretId: "dev/orders/jwt",
      Tags: [
        { Key: "env", Value: "qa" },
        { Key: "team", Value: "t" },
      ],
    });
    await h.call("UntagResource", { SecretId: "dev/orders/jwt", TagKeys: ["team"] });
    const described = await h.call("DescribeSecret", { SecretId: "dev/orders/jwt" });
    expect(described.Tags).toEqual([{ Key: "env", Value: "qa" }]);
    expect(described.LastChangedDate).toBe(Date.parse("2025-06-01T03:14:08Z") / 1000);
  });
});
