import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness } from "./secrets-manager-harness.js";

describe("SecretId resolution", () => {
  let h: Harness;
  let arn: string;

  beforeEach(async () => {
    h = createHarness();
    arn = (await h.call("CreateSecret", { Name: "prod/orders/jwt", SecretString: "s3cr3t" })).ARN as string;
  });

  it("builds ARNs as name plus a six-character alphanumeric suffix", () => {
    expect(arn).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod\/orders\/jwt-[A-Za-z0-9]{6}$/,
    );
  });

  it.each([
    ["the name", () => "prod/orders/jwt"],
    ["the full ARN", () => arn],
    ["the partial ARN without the suffix", () => arn.slice(0, -7)],
  ])("finds the secret by %s", async (_, secretId) => {
    expect((await h.call("DescribeSecret", { SecretId: secretId() })).ARN).toBe(arn);
  });

  it.each([
    ["a full ARN with another suffix", () => `${arn.slice(0, -6)}Zzzzzz`],
    ["an ARN of another account", () => arn.replace("123456789012", "210987654321")],
    ["an ARN of another region", () => arn.replace("eu-west-1", "us-east-1")],
    ["an unknown name", () => "prod/orders/other"],
  ])("reports ResourceNotFoundException for %s", async (_, secretId) => {
    expect(await errorTypeOf(() => h.call("DescribeSecret", { SecretId: secretId() }))).toBe(
      "ResourceNotFoundException",
    );
  });
});
