import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  loadServiceModel,
  validateOperationInput,
  validateOperationOutput,
  validateShape,
} from "../../../../fleet/model-shapes/validate-shape.js";

const ecs = loadServiceModel("ecs");
const secretsManager = loadServiceModel("secretsmanager");

/** A fresh, mutable copy of a recorded AWS fixture (wire format). */
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixtures freely to build invalid payloads.
function fixture(file: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/aws/${file}`, import.meta.url), "utf8"));
}

describe("validateOperationOutput on the recorded fixtures", () => {
  it.each([
    ["ecs/describe-tasks-fargate.json", "DescribeTasks"],
    ["ecs/describe-tasks-ec2-bridge.json", "DescribeTasks"],
    ["ecs/describe-services.json", "DescribeServices"],
    ["ecs/describe-task-definition.json", "DescribeTaskDefinition"],
    ["ecs/describe-container-instances.json", "DescribeContainerInstances"],
  ])("finds no violation in %s (%s)", (file, operation) => {
    expect(validateOperationOutput(ecs, operation, fixture(file))).toEqual([]);
  });

  it.each([
    ["secretsmanager/describe-secret.json", "DescribeSecret"],
    ["secretsmanager/list-secret-version-ids.json", "ListSecretVersionIds"],
  ])("finds no violation in %s (%s)", (file, operation) => {
    expect(validateOperationOutput(secretsManager, operation, fixture(file))).toEqual([]);
  });
});

describe("validateShape catches", () => {
  it("an unknown member, with its path", () => {
    const tasks = fixture("ecs/describe-tasks-fargate.json");
    tasks.tasks[0].secretVersion = "v2";
    expect(validateOperationOutput(ecs, "DescribeTasks", tasks)).toEqual([
      "DescribeTasksResponse.tasks[0].secretVersion: unknown member of Task",
    ]);
  });

  it("a value outside an enum", () => {
    const tasks = fixture("ecs/describe-tasks-fargate.json");
    tasks.tasks[1].launchType = "SPOT";
    const violations = validateOperationOutput(ecs, "DescribeTasks", tasks);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /^DescribeTasksResponse\.tasks\[1\]\.launchType: "SPOT" is not a LaunchType value/,
    );
  });

  it("a missing required member", () => {
    const definition = fixture("ecs/describe-task-definition.json");
    delete definition.taskDefinition.containerDefinitions[0].secrets[1].valueFrom;
    expect(validateOperationOutput(ecs, "DescribeTaskDefinition", definition)).toEqual([
      "DescribeTaskDefinitionResponse.taskDefinition.containerDefinitions[0].secrets[1].valueFrom: required member missing",
    ]);
  });

  it("a timestamp sent as an ISO string instead of epoch seconds", () => {
    const secret = fixture("secretsmanager/describe-secret.json");
    secret.CreatedDate = "2025-04-01T03:09:58.004Z";
    const violations = validateOperationOutput(secretsManager, "DescribeSecret", secret);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /^DescribeSecretResponse\.CreatedDate: expected timestamp .* epoch seconds/,
    );
  });

  it("wrong types in lists, maps, integers and booleans", () => {
    const services = fixture("ecs/describe-services.json");
    services.services[0].desiredCount = 1.5;
    services.services[0].enableExecuteCommand = "true";
    services.services[0].deployments = { first: {} };
    const secret = fixture("secretsmanager/describe-secret.json");
    secret.VersionIdsToStages["7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6"] = "AWSPREVIOUS";
    expect(validateOperationOutput(ecs, "DescribeServices", services)).toEqual([
      "DescribeServicesResponse.services[0].desiredCount: expected integer (Integer), got number",
      "DescribeServicesResponse.services[0].deployments: expected list (Deployments), got object",
      "DescribeServicesResponse.services[0].enableExecuteCommand: expected boolean (Boolean), got string",
    ]);
    expect(validateOperationOutput(secretsManager, "DescribeSecret", secret)).toEqual([
      'DescribeSecretResponse.VersionIdsToStages["7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6"]: expected list (SecretVersionStagesType), got string',
    ]);
  });

  it("a null member", () => {
    const secret = fixture("secretsmanager/describe-secret.json");
    secret.Description = null;
    expect(validateOperationOutput(secretsManager, "DescribeSecret", secret)).toEqual([
      "DescribeSecretResponse.Description: is null (omit the member instead)",
    ]);
  });

  it("a string longer than the model's max, without quoting it", () => {
    const violations = validateShape(secretsManager, "SecretVersionIdType", "x".repeat(65), "VersionId");
    expect(violations).toEqual(["VersionId: length 65 is above the maximum 64"]);
  });

  it("an invalid blob", () => {
    expect(validateShape(secretsManager, "SecretBinaryType", "not base64!")).toHaveLength(1);
    expect(validateShape(secretsManager, "SecretBinaryType", "c2VjcmV0")).toEqual([]);
  });
});

describe("validateOperationInput", () => {
  it("accepts a DescribeTasks request as the SDK sends it", () => {
    const input = { cluster: "orders-prod", tasks: ["a1f0c9e8d7b64c5a9e3f2d1c0b9a8f7e"], include: ["TAGS"] };
    expect(validateOperationInput(ecs, "DescribeTasks", input)).toEqual([]);
  });

  it("reports a GetSecretValue request without SecretId", () => {
    expect(validateOperationInput(secretsManager, "GetSecretValue", { VersionStage: "AWSCURRENT" })).toEqual([
      "GetSecretValueRequest.SecretId: required member missing",
    ]);
  });
});

describe("caller errors", () => {
  it("throws UNKNOWN_OPERATION for an operation the model lacks", () => {
    expect(() => validateOperationOutput(ecs, "DescribeSecret", {})).toThrow(
      expect.objectContaining({ code: "UNKNOWN_OPERATION" }),
    );
  });

  it("throws UNKNOWN_SHAPE for a shape the model lacks", () => {
    expect(() => validateShape(secretsManager, "Task", {})).toThrow(
      expect.objectContaining({ code: "UNKNOWN_SHAPE" }),
    );
  });

  it("throws MODEL_UNAVAILABLE when the models folder has no model", () => {
    expect(() => loadServiceModel("ecs", "/nonexistent-models")).toThrow(
      expect.objectContaining({ code: "MODEL_UNAVAILABLE" }),
    );
  });

  it("reads the models the repository carries in fleet/models", () => {
    expect(loadServiceModel("ecs").metadata.targetPrefix).toBe("AmazonEC2ContainerServiceV20141113");
    expect(loadServiceModel("secretsmanager").metadata.targetPrefix).toBe("secretsmanager");
  });
});
