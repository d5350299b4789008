import { describe, expect, it } from "vitest";
import { recountInFlight } from "../../../../lambda/core/actions/recount-in-flight.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { ResolvedSecret } from "../../../../lambda/core/secret/resolve-secret.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import {
  aDeployment,
  aService,
  aTaskDefinition,
  clusterArn,
  currentVersion,
  cutover,
  secretArn,
  taskDefinitionArn,
} from "../builders.js";
import { aRequest } from "../engine-harness.js";
import { createFakeEcs, type FakeEcsState } from "../fake-ports.js";

const secret: ResolvedSecret = {
  arn: secretArn,
  name: "prod/orders/jwt-signing-key",
  currentVersionId: currentVersion,
  previousVersionId: null,
  secretString: "unused",
  previousSecretString: null,
};
const after = new Date(cutover.getTime() + 30_000);
const before = new Date(cutover.getTime() - 3_600_000);

/** A consumer service named `name`; `rolling` gives it a deployment created after the cut-over, still rolling. */
function consumer(name: string, rolling: boolean): ServiceSnapshot {
  return aService({
    serviceName: name,
    serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/${name}`,
    deployments: rolling
      ? [
          aDeployment({ id: `ecs-svc/${name}-new`, createdAt: after, rolloutState: "IN_PROGRESS" }),
          aDeployment({ id: `ecs-svc/${name}-old`, status: "ACTIVE", createdAt: before }),
        ]
      : [aDeployment({ id: `ecs-svc/${name}-old`, createdAt: before })],
  });
}

function state(services: ServiceSnapshot[]): FakeEcsState {
  return {
    clusters: { [clusterArn]: { services, tasks: [] } },
    taskDefinitions: [aTaskDefinition({ arn: taskDefinitionArn("orders-api:42") })],
  };
}

function awsError(operation: string, name: string): AwsCallError {
  return new AwsCallError(operation, "orders-prod", Object.assign(new Error("refused"), { name }));
}

describe("recountInFlight", () => {
  it("counts every consumer of the secret in a service-only run, not only the run's service", async () => {
    const services = [consumer("a", false), consumer("b", true), consumer("c", true), consumer("d", false)];
    const ecs = createFakeEcs(state(services));
    const gaps = createGapLog();
    const request = aRequest({ serviceFilter: { cluster: clusterArn, serviceName: "a" } });
    const count = await recountInFlight({ ecs, estate: ecs, request, secret, cutover, gaps }, [
      services[0] as ServiceSnapshot,
    ]);
    expect(count).toBe(2);
    expect(gaps.gaps).toEqual([]);
    expect(ecs.calls).toContain("ListClusters");
  });

  it("re-reads the known consumers fresh in a whole-secret run, seeing what another run forced since", async () => {
    const services = [consumer("a", false), consumer("b", false)];
    const live = [consumer("a", true), consumer("b", true)];
    const ecs = createFakeEcs(state(live));
    const count = await recountInFlight(
      { ecs, estate: ecs, request: aRequest(), secret, cutover, gaps: createGapLog() },
      services,
    );
    expect(count).toBe(2);
    expect(ecs.calls).toEqual([`DescribeServices ${clusterArn} 2`]);
  });

  it("gives no count, and a gap, when a consumer's deployments cannot be read", async () => {
    const ecs = createFakeEcs(state([consumer("a", true)]));
    const failing = {
      ...ecs,
      describeServices: async () => {
        throw awsError("DescribeServices", "ThrottlingException");
      },
    };
    const gaps = createGapLog();
    const count = await recountInFlight(
      { ecs: failing, estate: ecs, request: aRequest(), secret, cutover, gaps },
      [consumer("a", false)],
    );
    expect(count).toBeNull();
    expect(gaps.gaps).toHaveLength(1);
    expect(gaps.gaps[0]).toMatchObject({ operation: "DescribeServices", errorCode: "ThrottlingException" });
    expect(gaps.gaps[0]?.detail).toContain("nothing was forced");
  });

  it("gives no count when discovery in a service-only run cannot read a cluster's services", async () => {
    const ecs = createFakeEcs(state([consumer("a", true)]));
    const estate = {
      ...ecs,
      listServices: async () => {
        throw awsError("ListServices", "AccessDeniedException");
      },
    };
    const gaps = createGapLog();
    const request = aRequest({ serviceFilter: { cluster: clusterArn, serviceName: "a" } });
    const count = await recountInFlight({ ecs, estate, request, secret, cutover, gaps }, []);
    expect(count).toBeNull();
    expect(gaps.gaps[0]).toMatchObject({ errorCode: "AccessDeniedException" });
  });
});
