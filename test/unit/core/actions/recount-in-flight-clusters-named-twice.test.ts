import { describe, expect, it } from "vitest";
import { recountInFlight } from "../../../../lambda/core/actions/recount-in-flight.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { ResolvedSecret } from "../../../../lambda/core/secret/resolve-secret.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
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
import { createFakeEcs } from "../fake-ports.js";

const secret: ResolvedSecret = {
  arn: secretArn,
  name: "prod/orders/jwt-signing-key",
  currentVersionId: currentVersion,
  previousVersionId: null,
  secretString: "unused",
  previousSecretString: null,
};

function rollingConsumer(name: string): ServiceSnapshot {
  return aService({
    serviceName: name,
    serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/${name}`,
    deployments: [
      aDeployment({
        id: `ecs-svc/${name}-new`,
        createdAt: new Date(cutover.getTime() + 30_000),
        rolloutState: "IN_PROGRESS",
      }),
      aDeployment({
        id: `ecs-svc/${name}-old`,
        status: "ACTIVE",
        createdAt: new Date(cutover.getTime() - 3_600_000),
      }),
    ],
  });
}

describe("recountInFlight: a cluster named twice in a service-only run", () => {
  it("searches it once, by the spelling named first, so its rolling consumers count once", async () => {
    const ecs = createFakeEcs({
      clusters: { [clusterArn]: { services: [rollingConsumer("a"), rollingConsumer("b")], tasks: [] } },
      taskDefinitions: [aTaskDefinition({ arn: taskDefinitionArn("orders-api:42") })],
    });
    const request = aRequest({
      clusters: [clusterArn, "orders-prod"],
      serviceFilter: { cluster: clusterArn, serviceName: "a" },
    });
    const gaps = createGapLog();
    const count = await recountInFlight({ ecs, estate: ecs, request, secret, cutover, gaps }, []);
    expect(count).toBe(2);
    expect(gaps.gaps).toEqual([]);
    expect(ecs.calls.filter((call) => call.startsWith("ListServices"))).toEqual([
      `ListServices ${clusterArn}`,
    ]);
  });
});
