import { afterEach, describe, expect, it } from "vitest";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("task definition operations", () => {
  it("describes a revision by family, family:revision and ARN, with tags on request", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("RegisterTaskDefinition", {
      ...jwtTaskDefinition("jwt", "secret-b"),
      tags: [{ key: "team", value: "a" }],
    });
    const latest = await ecs.call("DescribeTaskDefinition", { taskDefinition: "jwt", include: ["TAGS"] });
    expect(latest.taskDefinition.revision).toBe(2);
    expect(latest.tags).toEqual([{ key: "team", value: "a" }]);
    const first = await ecs.call("DescribeTaskDefinition", { taskDefinition: "jwt:1" });
    expect(first.taskDefinition.containerDefinitions[0].secrets[0].valueFrom).toBe("secret-a");
    expect(first.tags).toBeUndefined();
    const byArn = await ecs.call("DescribeTaskDefinition", {
      taskDefinition: latest.taskDefinition.taskDefinitionArn,
    });
    expect(byArn.taskDefinition.taskDefinitionArn).toBe(
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/jwt:2",
    );
    expect(byArn.taskDefinition.requiresAttributes).toContainEqual({
      name: "ecs.capability.secrets.ssm.environment-variables",
    });
  });

  it("rejects unknown revisions with ClientException", async () => {
    current = await createClusterWithDefinition();
    await expect(current.call("DescribeTaskDefinition", { taskDefinition: "jwt:9" })).rejects.toMatchObject({
      type: "ClientException",
    });
  });

  it("deregisters a revision: it stays describable, leaves the ACTIVE list and cannot start services", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { taskDefinition } = await ecs.call("DeregisterTaskDefinition", { taskDefinition: "jwt:1" });
    expect(taskDefinition.status).toBe("INACTIVE");
    expect(typeof taskDefinition.deregisteredAt).toBe("number");
    expect((await ecs.call("ListTaskDefinitions", {})).taskDefinitionArns).toEqual([]);
    const inactive = await ecs.call("ListTaskDefinitions", { status: "INACTIVE" });
    expect(inactive.taskDefinitionArns).toHaveLength(1);
    await expect(
      ecs.call("CreateService", {
        networkConfiguration: testNetwork,
        cluster: "c1",
        serviceName: "s",
        taskDefinition: "jwt:1",
        desiredCount: 1,
      }),
    ).rejects.toMatchObject({ type: "ClientException" });
  });

  it("lists revisions in numeric order per family and pages them", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    for (let index = 0; index < 10; index += 1)
      await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "s"));
    const first = await ecs.call("ListTaskDefinitions", { familyPrefix: "jwt", maxResults: 10 });
    expect(first.taskDefinitionArns.at(-1)).toMatch(/jwt:10$/);
    const second = await ecs.call("ListTaskDefinitions", { familyPrefix: "jwt", nextToken: first.nextToken });
    expect(second.taskDefinitionArns).toEqual(["arn:aws:ecs:eu-west-1:123456789012:task-definition/jwt:11"]);
    expect(second.nextToken).toBeUndefined();
  });
});
