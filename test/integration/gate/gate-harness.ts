import {
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { appContainer, fargateTaskDefinition } from "../../../fleet/scenario/fargate-task-definition.js";
import type { HookResponse } from "../../../lambda/core/gate/gate-types.js";
import { partialSecretArn } from "../scenarios/scenario-builders.js";
import type { Harness } from "../scenarios/scenario-harness.js";

/** The verifier as a lifecycle hook target: the fleet reaches the function registered under this name. */
export const gateFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:rollout-verifier-gate";
export const gateRoleArn = "arn:aws:iam::123456789012:role/rollout-verifier-gate";

/** BLUE_GREEN with the gate at POST_SCALE_UP, as the `update-service` command in docs/deployment-gate.md attaches it. */
export const gatedBlueGreen = {
  strategy: "BLUE_GREEN",
  bakeTimeInMinutes: 0,
  lifecycleHooks: [
    { hookTargetArn: gateFunctionArn, roleArn: gateRoleArn, lifecycleStages: ["POST_SCALE_UP"] },
  ],
};

/** A revision of `family` reading `secretName` (with a valueFrom suffix) on `image`, with extra environment. */
export interface RevisionSpec {
  readonly family: string;
  readonly image: string;
  readonly secretName: string;
  readonly valueFromSuffix?: string;
  readonly environment?: Readonly<Record<string, string>>;
}

/** One answer of the gate: the stage it was asked at and what it returned to ECS. */
export interface GateAnswer {
  readonly stage: string;
  readonly serviceArn: string;
  readonly answer: HookResponse;
}

/** Every hook invocation's answer so far, oldest first. */
export function gateAnswers(harness: Harness): GateAnswer[] {
  return harness.verifier.gate.invocations.flatMap((record) => {
    const event = record.event as { lifecycleStage?: string; executionDetails?: { serviceArn?: string } };
    if (!record.ok || event.lifecycleStage === undefined) return [];
    return [
      {
        stage: event.lifecycleStage,
        serviceArn: event.executionDetails?.serviceArn ?? "",
        answer: record.result as HookResponse,
      },
    ];
  });
}

/**
 * Registers the revision and deploys it with a real UpdateService, then waits until the deployment
 * and the verifier are settled. Returns the gate's answers for this deployment and how it ended
 * (ListServiceDeployments: SUCCESSFUL, ROLLBACK_SUCCESSFUL...).
 */
export async function deployRevision(harness: Harness, spec: RevisionSpec) {
  const before = gateAnswers(harness).length;
  const registered = await harness.ecs.send(
    new RegisterTaskDefinitionCommand(
      fargateTaskDefinition(spec.family, [
        appContainer(spec.image, `${partialSecretArn(spec.secretName)}${spec.valueFromSuffix ?? ""}`, {
          environment: spec.environment ?? {},
        }),
      ]),
    ),
  );
  await harness.ecs.send(
    new UpdateServiceCommand({
      cluster: "prod",
      service: spec.family,
      taskDefinition: registered.taskDefinition?.taskDefinitionArn,
    }),
  );
  await harness.settle(30_000);
  const listed = await harness.ecs.send(
    new ListServiceDeploymentsCommand({ cluster: "prod", service: spec.family }),
  );
  const deployments = [...(listed.serviceDeployments ?? [])].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
  return {
    answers: gateAnswers(harness).slice(before),
    status: deployments[0]?.status,
    taskDefinitionArn: registered.taskDefinition?.taskDefinitionArn ?? "",
  };
}
