import { describe, expect, it } from "vitest";
import type { SecretsPort } from "../../../lambda/core/ports.js";
import { isWatched } from "../../../lambda/core/watched-secrets.js";
import { AwsCallError, SecretNotFoundError } from "../../../lambda/errors.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key";
const name = "prod/orders/jwt-signing-key";

function secretsAnswering(
  describe: () => Promise<{ arn: string; name: string }>,
): SecretsPort & { calls: number } {
  const port = {
    calls: 0,
    async describeSecret() {
      port.calls += 1;
      return { ...(await describe()), versionIdsToStages: {} };
    },
    async getSecretValue(): Promise<never> {
      throw new Error("not used");
    },
  };
  return port;
}

const resolving = () => secretsAnswering(async () => ({ arn, name }));

describe("isWatched", () => {
  it("watches everything when no list is configured", async () => {
    expect(await isWatched("anything", undefined, resolving())).toBe(true);
  });

  it("matches a full ARN against a name, a partial ARN or itself without an AWS call", async () => {
    const secrets = resolving();
    for (const entry of [arn, partial, name]) expect(await isWatched(arn, [entry], secrets)).toBe(true);
    expect(await isWatched(arn, ["prod/payments/key"], secrets)).toBe(false);
    expect(secrets.calls).toBe(0);
  });

  it("resolves a name through DescribeSecret only when the list holds full ARNs", async () => {
    const secrets = resolving();
    expect(await isWatched(name, [arn], secrets)).toBe(true);
    expect(secrets.calls).toBe(1);
  });

  it("treats a secret that does not exist or may not be described as not watched", async () => {
    const missing = secretsAnswering(async () => {
      throw new SecretNotFoundError(`secret ${name} not found`);
    });
    const denied = secretsAnswering(async () => {
      throw new AwsCallError(
        "DescribeSecret",
        name,
        Object.assign(new Error("denied"), { name: "AccessDeniedException" }),
      );
    });
    expect(await isWatched(name, [arn], missing)).toBe(false);
    expect(await isWatched(name, [arn], denied)).toBe(false);
  });

  it("rethrows other failures such as throttling", async () => {
    const throttled = secretsAnswering(async () => {
      throw new AwsCallError(
        "DescribeSecret",
        name,
        Object.assign(new Error("slow"), { name: "ThrottlingException" }),
      );
    });
    await expect(isWatched(name, [arn], throttled)).rejects.toMatchObject({ code: "AWS_CALL_FAILED" });
  });
});
