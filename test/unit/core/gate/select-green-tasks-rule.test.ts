import { describe, expect, it } from "vitest";
import { selectGreenTasks } from "../../../../lambda/core/gate/select-green-tasks.js";
import { aTask, taskDefinitionArn } from "../builders.js";

const target = taskDefinitionArn("orders-api:43");
const startedAt = new Date("2025-06-10T12:00:00Z");
const deployment = {
  serviceDeploymentArn:
    "arn:aws:ecs:eu-west-1:123456789012:service-deployment/orders-prod/orders-api/EZe5RNVLH6PPzHXINuP28",
  createdAt: new Date("2025-06-10T11:59:58Z"),
  startedAt,
};
const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id}`;

describe("which tasks the gate judges as green", () => {
  it("counts a task on the target revision created at the very instant the deployment started", () => {
    const atStart = aTask({ taskArn: taskArn("at-start"), taskDefinitionArn: target, createdAt: startedAt });
    expect(selectGreenTasks([atStart], target, deployment).tasks.map((task) => task.taskArn)).toEqual([
      taskArn("at-start"),
    ]);
  });

  it("leaves out tasks of another task definition and tasks being stopped, however new", () => {
    const after = new Date(startedAt.getTime() + 5_000);
    const tasks = [
      aTask({ taskArn: taskArn("green"), taskDefinitionArn: target, createdAt: after }),
      aTask({
        taskArn: taskArn("blue-def"),
        taskDefinitionArn: taskDefinitionArn("orders-api:42"),
        createdAt: after,
      }),
      aTask({
        taskArn: taskArn("stopping"),
        taskDefinitionArn: target,
        createdAt: after,
        desiredStatus: "STOPPED",
      }),
    ];
    expect(selectGreenTasks(tasks, target, deployment).tasks.map((task) => task.taskArn)).toEqual([
      taskArn("green"),
    ]);
  });
});
