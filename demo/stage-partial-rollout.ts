import { type ECSClient, StopTaskCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import {
  GetSecretValueCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { Fleet } from "../fleet/fleet-api.js";
import { demoCluster, demoSecretName } from "./demo-services.js";

/** What happened around the rotation, for the narration. */
export interface StagedRollout {
  readonly pipelineDeployments: readonly {
    service: string;
    deploymentId: string;
    when: "before" | "after";
  }[];
  readonly replacedTask: string;
  readonly newKey: string;
  readonly newVersionId: string;
  readonly rotatedAt: Date;
}

/**
 * The incident's ingredients, in the order they meet in production: a CI deployment of billing-api
 * is rolling when the secret rotates; right after the rotation ECS replaces one orders-api task that
 * failed a health check, and web-frontend's pipeline ships a new deployment. Some tasks now hold the
 * new key, most still the old one.
 */
export async function stagePartialRollout(
  fleet: Fleet,
  clients: { readonly ecs: ECSClient; readonly secrets: SecretsManagerClient },
): Promise<StagedRollout> {
  const billing = await forceDeployment(clients.ecs, "billing-api");
  await fleet.waitFor(
    () => runningTasksOf(fleet, "billing-api", billing) >= 1 || undefined,
    "billing-api mid-rollout",
    {
      timeoutMs: 30_000,
    },
  );
  const rotatedAt = new Date();
  await clients.secrets.send(new RotateSecretCommand({ SecretId: demoSecretName, RotateImmediately: true }));
  const orders = fleet.runningTasks(demoCluster, "orders-api")[0];
  if (!orders) throw new Error("orders-api has no running task to replace");
  await clients.ecs.send(
    new StopTaskCommand({
      cluster: demoCluster,
      task: orders.taskArn,
      reason: "Task failed container health checks",
    }),
  );
  const web = await forceDeployment(clients.ecs, "web-frontend");
  const current = await clients.secrets.send(
    new GetSecretValueCommand({ SecretId: demoSecretName, VersionStage: "AWSCURRENT" }),
  );
  return {
    pipelineDeployments: [
      { service: "billing-api", deploymentId: billing, when: "before" },
      { service: "web-frontend", deploymentId: web, when: "after" },
    ],
    replacedTask: orders.taskArn,
    newKey: current.SecretString ?? "",
    newVersionId: current.VersionId ?? "",
    rotatedAt,
  };
}

/** A deployment as a CI pipeline starts one (a new image would look the same to ECS). */
async function forceDeployment(ecs: ECSClient, service: string): Promise<string> {
  const response = await ecs.send(
    new UpdateServiceCommand({ cluster: demoCluster, service, forceNewDeployment: true }),
  );
  return (
    response.service?.deployments?.find((deployment) => deployment.status === "PRIMARY")?.id ?? "unknown"
  );
}

function runningTasksOf(fleet: Fleet, service: string, deploymentId: string): number {
  return fleet.runningTasks(demoCluster, service).filter((task) => task.startedBy === deploymentId).length;
}
