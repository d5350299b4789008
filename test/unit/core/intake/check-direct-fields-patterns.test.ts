import { describe, expect, it } from "vitest";
import { checkDirectFields } from "../../../../lambda/core/intake/check-direct-fields.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const place = { region: "eu-west-1", account: "123456789012" };
const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const clusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";

function refused(fields: { secretId: string; clusters?: string[] }, why: string): void {
  expect(() => checkDirectFields(fields, place)).toThrowError(
    expect.objectContaining({ code: ErrorCode.eventMalformed, message: expect.stringContaining(why) }),
  );
}

describe("a direct invocation's secret name", () => {
  it("accepts a bare secret name of 1 and of 512 allowed characters", () => {
    expect(() => checkDirectFields({ secretId: "prod/orders/jwt_key+v=2.0@team-a" }, place)).not.toThrow();
    expect(() => checkDirectFields({ secretId: "k" }, place)).not.toThrow();
    expect(() => checkDirectFields({ secretId: "k".repeat(512) }, place)).not.toThrow();
  });

  it("refuses a name with a character Secrets Manager never allows, wherever it stands, and a 513-character name", () => {
    for (const secretId of ["prod/orders key", "prod orders/key", "k".repeat(513)])
      refused({ secretId }, "is neither a secret name (1-512 letters, numbers and /_+=.@-)");
  });
});

describe("a direct invocation's secret ARN", () => {
  it("accepts the ARN of another partition (aws-cn, aws-us-gov) in the function's own region and account", () => {
    for (const [partition, region] of [
      ["aws-cn", "cn-north-1"],
      ["aws-us-gov", "us-gov-west-1"],
    ] as const) {
      const secretId = `arn:${partition}:secretsmanager:${region}:123456789012:secret:prod/orders/key-Xy9Zab`;
      expect(() => checkDirectFields({ secretId }, { region, account: "123456789012" })).not.toThrow();
    }
  });

  it("refuses an ARN with text before the secret ARN or a forbidden character after the name", () => {
    refused({ secretId: `arn:x:${secretArn}` }, "is not a Secrets Manager secret ARN");
    refused({ secretId: `${secretArn} extra` }, "is not a Secrets Manager secret ARN");
  });
});

describe("a direct invocation's cluster ARN", () => {
  it("accepts the cluster ARN of another partition (aws-cn) in the function's own region and account", () => {
    const cluster = "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/orders-prod";
    expect(() =>
      checkDirectFields({ secretId: "prod/orders/key", clusters: [cluster] }, { region: "cn-north-1" }),
    ).not.toThrow();
    expect(() => checkDirectFields({ secretId: secretArn, clusters: [clusterArn] }, place)).not.toThrow();
  });

  it("refuses a cluster ARN with text before it or a path after the cluster name", () => {
    for (const cluster of [`arn:x:${clusterArn}`, `${clusterArn}/extra`])
      refused({ secretId: secretArn, clusters: [cluster] }, "field clusters[0]");
  });
});
