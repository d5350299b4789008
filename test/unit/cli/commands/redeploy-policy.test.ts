import { describe, expect, it } from "vitest";
import { defaultRedeployTag, resolveRedeployPolicy } from "../../../../cli/commands/redeploy-policy.js";
import { RedeployTag } from "../../../../lib/resolve-verifier-settings.js";

describe("resolveRedeployPolicy", () => {
  it("defaults to the very tag the stack requires", () => {
    expect(defaultRedeployTag).toEqual(RedeployTag);
    expect(resolveRedeployPolicy({}, undefined)).toEqual({
      kind: "tagged",
      tag: RedeployTag,
      source: "default",
    });
  });

  it("follows VERIFIER_REDEPLOY_TAG, and a flag over both", () => {
    const env = { key: "team", value: "sre" };
    expect(resolveRedeployPolicy({}, env)).toMatchObject({ tag: env, source: "env" });
    expect(resolveRedeployPolicy({ tag: "a=b" }, env)).toMatchObject({
      tag: { key: "a", value: "b" },
      source: "flag",
    });
    expect(resolveRedeployPolicy({ none: true }, env)).toEqual({ kind: "any", source: "flag" });
  });
});
