import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { acceptedKeys } from "./fleet-test-helpers.js";

const key = "child-process-key-0123456789abcdef";
let fleet: Fleet;

async function call(target: string, input: Record<string, unknown>) {
  const response = await fetch(fleet.endpoint, {
    method: "POST",
    headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  fleet = await startFleet({
    taskMode: "child-process",
    taskStartDelayMs: 20,
    deploymentPacing: { stepDelayMs: 5 },
  });
});

afterAll(async () => {
  await fleet?.stop();
});

describe("child-process task mode", () => {
  it("runs each task as its own process with the secret injected at start, and closes them on stop", async () => {
    const secret = (await call("secretsmanager.CreateSecret", { Name: "child/jwt", SecretString: key })) as {
      ARN: string;
    };
    await call("AmazonEC2ContainerServiceV20141113.CreateCluster", { clusterName: "child" });
    await call("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", {
      family: "child",
      executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
      containerDefinitions: [
        {
          name: "api",
          image: "sample/jwt-api:jsonwebtoken-8",
          portMappings: [{ containerPort: 8080 }],
          secrets: [{ name: "JWT_SECRET", valueFrom: secret.ARN }],
        },
      ],
    });
    await call("AmazonEC2ContainerServiceV20141113.CreateService", {
      cluster: "child",
      serviceName: "api",
      taskDefinition: "child",
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
    });
    await fleet.waitForSteadyState("child", "api", { timeoutMs: 30_000 });
    const addresses = fleet.runningTasks("child", "api").map((task) => task.address);
    expect(await acceptedKeys(addresses, key, "other-key")).toEqual(["old", "old"]);
    await fleet.stop();
    await expect(fetch(`http://${addresses[0]}:8080/health`)).rejects.toThrow();
  }, 60_000);
});
