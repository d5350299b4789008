import { afterEach, describe, expect, it } from "vitest";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

async function rollingService(deploymentConfiguration: Record<string, unknown> = {}) {
  current = await createClusterWithDefinition({ circuitBreakerMinThreshold: 2 });
  const ecs = current;
  const { service } = await ecs.call("CreateService", {
    networkConfiguration: testNetwork,
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 2,
    deploymentConfiguration,
  });
  const record = () => [...ecs.runtime.state.services.values()][0];
  await until(() => record()?.deployments[0]?.serviceDeploymentStatus === "SUCCESSFUL");
  return { ecs, record, created: service };
}

describe("service deployments and revisions of a ROLLING service", () => {
  it("lists deployments newest first and describes each with its source and target revisions", async () => {
    const { ecs, record } = await rollingService();
    await ecs.call("UpdateService", { cluster: "c1", service: "api", forceNewDeployment: true });
    await until(
      () => record()?.history.length === 2 && record()?.history[1]?.serviceDeploymentStatus === "SUCCESSFUL",
    );
    const { serviceDeployments: briefs } = await ecs.call("ListServiceDeployments", {
      cluster: "c1",
      service: "api",
    });
    const [second, first] = record()?.history.slice().reverse() ?? [];
    expect(briefs.map((brief: { serviceDeploymentArn: string }) => brief.serviceDeploymentArn)).toEqual([
      second?.serviceDeploymentArn,
      first?.serviceDeploymentArn,
    ]);
    expect(second?.serviceDeploymentArn).toMatch(
      /^arn:aws:ecs:eu-west-1:123456789012:service-deployment\/c1\/api\/[A-Za-z0-9]{21}$/,
    );
    const { serviceDeployments } = await ecs.call("DescribeServiceDeployments", {
      serviceDeploymentArns: [
        second?.serviceDeploymentArn,
        "arn:aws:ecs:eu-west-1:123456789012:service-deployment/c1/api/x",
      ],
    });
    expect(serviceDeployments[0]).toMatchObject({
      status: "SUCCESSFUL",
      sourceServiceRevisions: [{ arn: first?.revisionArn }],
      targetServiceRevision: { arn: second?.revisionArn, requestedTaskCount: 2, runningTaskCount: 2 },
      deploymentConfiguration: { strategy: "ROLLING" },
    });
    expect(serviceDeployments[0].lifecycleStage).toBeUndefined();
    const { serviceRevisions, failures } = await ecs.call("DescribeServiceRevisions", {
      serviceRevisionArns: [second?.revisionArn, "missing"],
    });
    expect(second?.revisionArn).toMatch(
      /^arn:aws:ecs:eu-west-1:123456789012:service-revision\/c1\/api\/\d{19}$/,
    );
    expect(serviceRevisions[0]).toMatchObject({ taskDefinition: second?.taskDefinitionArn });
    expect(failures).toEqual([{ arn: "missing", reason: "MISSING" }]);
  });

  it("filters ListServiceDeployments by status and rejects a page size over 100", async () => {
    const { ecs } = await rollingService();
    const none = await ecs.call("ListServiceDeployments", {
      service: "api",
      cluster: "c1",
      status: ["ROLLBACK_FAILED"],
    });
    expect(none.serviceDeployments).toEqual([]);
    await expect(
      ecs.call("ListServiceDeployments", { service: "api", cluster: "c1", maxResults: 101 }),
    ).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
    await expect(
      ecs.call("ListServiceDeployments", { service: "nope", cluster: "c1" }),
    ).rejects.toMatchObject({
      type: "ServiceNotFoundException",
    });
  });

  it("reports a circuit breaker rollback as ROLLBACK_IN_PROGRESS then ROLLBACK_SUCCESSFUL, and lists no separate rollback deployment", async () => {
    const { ecs, record } = await rollingService({
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const first = record()?.history[0];
    await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "missing-secret"));
    await ecs.call("UpdateService", { cluster: "c1", service: "api", taskDefinition: "jwt:2" });
    const broken = record()?.deployments[0];
    await until(() => broken?.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    expect(broken?.rollback).toMatchObject({ serviceRevisionArn: first?.revisionArn });
    const { serviceDeployments } = await ecs.call("ListServiceDeployments", {
      service: "api",
      cluster: "c1",
    });
    expect(serviceDeployments.map((brief: { status: string }) => brief.status)).toEqual([
      "ROLLBACK_SUCCESSFUL",
      "SUCCESSFUL",
    ]);
  });

  it("stops a deployment that a newer one supersedes", async () => {
    const { ecs, record } = await rollingService();
    await ecs.call("UpdateService", { cluster: "c1", service: "api", forceNewDeployment: true });
    const superseded = record()?.deployments[0];
    await ecs.call("UpdateService", { cluster: "c1", service: "api", forceNewDeployment: true });
    expect(superseded?.serviceDeploymentStatus).toBe("STOPPED");
  });
});
