import { describe, expect, it } from "vitest";
import type { SecretsPort } from "../../../../lambda/core/ports.js";
import { resolveSecret, resolveSecretForRun } from "../../../../lambda/core/secret/resolve-secret.js";
import type { SecretDescription, SecretValue } from "../../../../lambda/core/snapshots.js";
import { AwsCallError, SecretNoCurrentError } from "../../../../lambda/errors.js";

/**
 * Which versions `resolveSecret` and `resolveSecretForRun` take as AWSCURRENT and AWSPREVIOUS (never
 * the AWSPENDING of a rotation in flight, never the current version itself), that a control token is
 * only signed with AWSPREVIOUS's own value, and that the dates the cut-over window needs come through
 * whether or not the value can be read.
 */
const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf";
const pending = "v3-pending";
const current = "v2-current";
const previous = "v1-previous";
const createdDate = new Date("2026-12-06T10:00:00.250Z");
const lastChangedDate = new Date("2026-12-06T10:05:00.400Z");
const lastRotatedDate = new Date("2026-12-06T10:05:00.520Z");

/** A rotation in flight: DescribeSecret lists its AWSPENDING version before the others. */
const rotating: SecretDescription = {
  arn,
  name: "prod/jwt",
  versionIdsToStages: { [pending]: ["AWSPENDING"], [current]: ["AWSCURRENT"], [previous]: ["AWSPREVIOUS"] },
  lastChangedDate,
  lastRotatedDate,
};

const values: Record<string, SecretValue> = {
  [pending]: { arn, versionId: pending, secretString: "pending-key" },
  [current]: { arn, versionId: current, secretString: "current-key", createdDate },
  [previous]: { arn, versionId: previous, secretString: "previous-key" },
};

/** Answers AWSCURRENT by stage and any listed version by id, from `answers` (default: `values`). */
function secretsOver(
  description: SecretDescription,
  answers: { byStage?: () => SecretValue; byId?: (versionId: string) => SecretValue } = {},
): SecretsPort {
  return {
    describeSecret: async () => description,
    getSecretValue: async (_id, version) => {
      if ("versionStage" in version) return (answers.byStage ?? (() => values[current] as SecretValue))();
      const byId = answers.byId ?? ((versionId: string) => values[versionId] as SecretValue);
      return byId(version.versionId);
    },
  };
}

const denied = () => {
  throw new AwsCallError(
    "GetSecretValue",
    arn,
    Object.assign(new Error("denied"), { name: "AccessDeniedException" }),
  );
};

describe("resolveSecret: the versions it reads", () => {
  it("takes AWSPREVIOUS for the control token, not the AWSPENDING of a rotation in flight, and keeps the secret's dates", async () => {
    expect(await resolveSecret(secretsOver(rotating), arn)).toEqual({
      arn,
      name: "prod/jwt",
      currentVersionId: current,
      previousVersionId: previous,
      secretString: "current-key",
      previousSecretString: "previous-key",
      currentCreatedDate: createdDate,
      lastChangedDate,
      lastRotatedDate,
    });
  });

  it("signs no control token when a read of AWSPREVIOUS by id answers with another version (a cache ignoring VersionId)", async () => {
    const secrets = secretsOver(rotating, { byId: () => values[current] as SecretValue });
    const secret = await resolveSecret(secrets, arn);
    expect(secret.previousVersionId).toBe(previous);
    expect(secret.previousSecretString).toBeNull();
  });
});

describe("resolveSecretForRun: a value that cannot be read", () => {
  it("still names AWSCURRENT and AWSPREVIOUS (not AWSPENDING) and keeps the dates the cut-over window needs", async () => {
    const resolution = await resolveSecretForRun(secretsOver(rotating, { byStage: denied }), arn);
    expect(resolution.kind).toBe("value-unreadable");
    expect(resolution.secret).toEqual({
      arn,
      name: "prod/jwt",
      currentVersionId: current,
      previousVersionId: previous,
      secretString: "",
      previousSecretString: null,
      lastChangedDate,
      lastRotatedDate,
    });
  });

  it("names no AWSPREVIOUS when the only version carrying that label is AWSCURRENT itself", async () => {
    const relabelled: SecretDescription = {
      ...rotating,
      versionIdsToStages: { [current]: ["AWSCURRENT", "AWSPREVIOUS"] },
    };
    const resolution = await resolveSecretForRun(secretsOver(relabelled, { byStage: denied }), arn);
    expect(resolution.kind).toBe("value-unreadable");
    expect(resolution.secret.currentVersionId).toBe(current);
    expect(resolution.secret.previousVersionId).toBeNull();
  });

  it("throws SecretNoCurrentError when no version is labelled AWSCURRENT: there is nothing to verify against", async () => {
    const noCurrent: SecretDescription = { ...rotating, versionIdsToStages: { [previous]: ["AWSPREVIOUS"] } };
    await expect(resolveSecretForRun(secretsOver(noCurrent), arn)).rejects.toThrow(SecretNoCurrentError);
    await expect(resolveSecretForRun(secretsOver(noCurrent, { byStage: denied }), arn)).rejects.toThrow(
      `secret ${arn} has no version labelled AWSCURRENT`,
    );
  });
});
