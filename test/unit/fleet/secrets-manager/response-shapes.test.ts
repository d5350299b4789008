import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadServiceModel, validateOperationOutput } from "../../../../fleet/model-shapes/validate-shape.js";
import { createHarness, type Harness, token } from "./secrets-manager-harness.js";

const model = loadServiceModel("secretsmanager");

/** One call of every operation, in an order that exercises the optional members (tags, rotation, deprecated versions). */
const CALLS: readonly [string, Record<string, unknown>][] = [
  [
    "CreateSecret",
    {
      Name: "jwt",
      SecretString: "a".repeat(40),
      ClientRequestToken: token(1),
      Description: "d",
      Tags: [{ Key: "app", Value: "orders" }],
    },
  ],
  ["CreateSecret", { Name: "empty" }],
  ["PutSecretValue", { SecretId: "jwt", SecretString: "b".repeat(40), ClientRequestToken: token(2) }],
  [
    "PutSecretValue",
    {
      SecretId: "jwt",
      SecretBinary: "AAECAw==",
      ClientRequestToken: token(3),
      VersionStages: ["AWSPENDING"],
    },
  ],
  [
    "UpdateSecretVersionStage",
    { SecretId: "jwt", VersionStage: "AWSPENDING", RemoveFromVersionId: token(3) },
  ],
  [
    "RotateSecret",
    { SecretId: "jwt", ClientRequestToken: token(4), RotationRules: { AutomaticallyAfterDays: 30 } },
  ],
  [
    "RotateSecret",
    {
      SecretId: "jwt",
      RotateImmediately: false,
      RotationRules: { ScheduleExpression: "rate(10 days)", Duration: "2h" },
    },
  ],
  ["GetSecretValue", { SecretId: "jwt" }],
  ["GetSecretValue", { SecretId: "jwt", VersionId: token(3) }],
  ["DescribeSecret", { SecretId: "jwt" }],
  ["DescribeSecret", { SecretId: "empty" }],
  ["ListSecretVersionIds", { SecretId: "jwt", IncludeDeprecated: true, MaxResults: 2 }],
  ["ListSecrets", { MaxResults: 1 }],
  ["ListSecrets", { Filters: [{ Key: "all", Values: ["orders"] }], SortBy: "name", SortOrder: "desc" }],
  ["TagResource", { SecretId: "jwt", Tags: [{ Key: "env", Value: "prod" }] }],
  ["UntagResource", { SecretId: "jwt", TagKeys: ["env"] }],
  ["UpdateSecret", { SecretId: "jwt", SecretString: "c".repeat(40), ClientRequestToken: token(5) }],
  ["UpdateSecret", { SecretId: "jwt", Description: "e", KmsKeyId: "alias/custom" }],
];

describe("Secrets Manager responses against the official model", () => {
  let h: Harness;
  const outputs: [string, unknown][] = [];
  beforeAll(async () => {
    h = createHarness();
    for (const [operation, input] of CALLS) {
      h.advance(1_234);
      outputs.push([operation, await h.call(operation, input)]);
    }
  });

  it("covers every operation the fleet serves", () => {
    expect(new Set(outputs.map(([operation]) => operation))).toEqual(new Set(Object.keys(h.api.operations)));
  });

  it("returns only modelled members with the right types, enums and bounds", () => {
    const violations = outputs.flatMap(([operation, output]) =>
      validateOperationOutput(model, operation, output).map((violation) => `${operation}: ${violation}`),
    );
    expect(violations).toEqual([]);
  });

  it("validates a JSON key-pair rotation's response too", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    await h.call("CreateSecret", { Name: "pair", SecretString: JSON.stringify({ privateKey: pem }) });
    const rotated = await h.call("RotateSecret", { SecretId: "pair" });
    expect(validateOperationOutput(model, "RotateSecret", rotated)).toEqual([]);
    expect(
      validateOperationOutput(model, "DescribeSecret", await h.call("DescribeSecret", { SecretId: "pair" })),
    ).toEqual([]);
  });
});
