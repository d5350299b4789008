import {
  DescribeServicesCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import type { Style } from "../cli/render/style.js";
import type { Fleet } from "../fleet/fleet-api.js";
import { appContainer, fargateTaskDefinition } from "../fleet/scenario/fargate-task-definition.js";
import { demoCluster } from "./demo-services.js";

/** The service the gate scene deploys to. */
export const gatedService = "orders-api";

/** What the scene did and how ECS ended it. */
export interface GateScene {
  /** `family:revision` CI tried to deploy (pinned to AWSPREVIOUS). */
  readonly attempted: string;
  /** `family:revision` the service runs afterwards. */
  readonly running: string;
  /** The service deployment's status (`ROLLBACK_SUCCESSFUL` when the gate stopped it). */
  readonly status: string;
}

/**
 * After convergence, the team attaches the gate to orders-api (BLUE_GREEN with the verifier as its
 * POST_SCALE_UP hook: the `update-service` command in docs/deployment-gate.md, through the same API), then CI deploys
 * a revision whose task definition pins the signing key to AWSPREVIOUS: every user's token would be
 * rejected. The fleet starts the green tasks, invokes the bundled Lambda, and rolls back on FAILED.
 * Resolves once `settle` says the fleet and the verifier are quiet.
 */
export async function stageGateScene(
  fleet: Fleet,
  ecs: ECSClient,
  secretArn: string,
  settle: () => Promise<void>,
): Promise<GateScene> {
  const { account, region } = fleet.identity;
  await ecs.send(
    new UpdateServiceCommand({
      cluster: demoCluster,
      service: gatedService,
      deploymentConfiguration: {
        strategy: "BLUE_GREEN",
        bakeTimeInMinutes: 0,
        lifecycleHooks: [
          {
            hookTargetArn: `arn:aws:lambda:${region}:${account}:function:rollout-verifier-gate`,
            roleArn: `arn:aws:iam::${account}:role/rollout-verifier-gate`,
            lifecycleStages: ["POST_SCALE_UP"],
          },
        ],
      },
    }),
  );
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand(
      fargateTaskDefinition(gatedService, [
        appContainer("sample/jwt-api:jose", `${secretArn}::AWSPREVIOUS:`),
      ]),
    ),
  );
  const attempted = registered.taskDefinition?.taskDefinitionArn ?? "";
  await ecs.send(
    new UpdateServiceCommand({ cluster: demoCluster, service: gatedService, taskDefinition: attempted }),
  );
  await settle();
  const { services = [] } = await ecs.send(
    new DescribeServicesCommand({ cluster: demoCluster, services: [gatedService] }),
  );
  const { serviceDeployments = [] } = await ecs.send(
    new ListServiceDeploymentsCommand({ cluster: demoCluster, service: gatedService }),
  );
  const latest = [...serviceDeployments].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  )[0];
  return {
    attempted: revisionLabel(attempted),
    running: revisionLabel(services[0]?.taskDefinition ?? ""),
    status: latest?.status ?? "unknown",
  };
}

function revisionLabel(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** True when ECS rolled the pinned revision back and the service still runs its previous one. */
export function wasStopped(scene: GateScene): boolean {
  return scene.status === "ROLLBACK_SUCCESSFUL" && scene.running !== scene.attempted;
}

/** The scene's last line: what ECS did with the revision, and whether every task still holds the new key. */
export function renderGateOutcome(scene: GateScene, stillConverged: boolean, style: Style): string {
  if (!wasStopped(scene))
    return style.red(
      `the gate did not stop ${scene.attempted}: deployment ${scene.status}, running ${scene.running}`,
    );
  const keys = stillConverged
    ? "every task still holds the new key"
    : style.red("the fleet no longer holds the new key");
  return `${style.green(`rolled back before traffic: ${gatedService} still runs ${scene.running}`)} (${scene.attempted}: ${scene.status}); ${keys}`;
}
