import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  type ECSClient,
} from "@aws-sdk/client-ecs";
import type { ServiceRevisionsPort } from "../../core/ports.js";
import { AwsCallError } from "../../errors.js";
import { type AwsCaller, createAwsCaller } from "../aws/aws-call.js";
import { required } from "../aws/aws-responses.js";

/**
 * DescribeServiceRevisions and DescribeServiceDeployments behind the gate's port. A revision or
 * deployment ECS reports under `failures[]` (or not at all) is an `AwsCallError`: the gate cannot
 * tell which task definition is deployed, or which tasks are green, so its failure policy decides.
 */
export function createServiceRevisionsAdapter(
  ecs: ECSClient,
  callAws: AwsCaller = createAwsCaller(),
): ServiceRevisionsPort {
  return {
    async describeServiceRevision(serviceRevisionArn) {
      const output = await callAws("DescribeServiceRevisions", serviceRevisionArn, (abortSignal) =>
        ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [serviceRevisionArn] }), {
          abortSignal,
        }),
      );
      const revision =
        output.serviceRevisions?.find((item) => item.serviceRevisionArn === serviceRevisionArn) ??
        output.serviceRevisions?.[0];
      if (!revision) {
        const failure = output.failures?.[0];
        throw new AwsCallError(
          "DescribeServiceRevisions",
          serviceRevisionArn,
          new Error(
            failure
              ? `${failure.reason ?? "failure"}${failure.detail ? `: ${failure.detail}` : ""}`
              : "no revision returned",
          ),
        );
      }
      const resource = serviceRevisionArn;
      return {
        serviceRevisionArn: revision.serviceRevisionArn ?? serviceRevisionArn,
        serviceArn: revision.serviceArn ?? "",
        clusterArn: revision.clusterArn ?? "",
        taskDefinitionArn: required(
          revision.taskDefinition,
          "taskDefinition",
          "DescribeServiceRevisions",
          resource,
        ),
      };
    },
    async describeServiceDeployment(serviceDeploymentArn) {
      const output = await callAws("DescribeServiceDeployments", serviceDeploymentArn, (abortSignal) =>
        ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [serviceDeploymentArn] }), {
          abortSignal,
        }),
      );
      const deployment =
        output.serviceDeployments?.find((item) => item.serviceDeploymentArn === serviceDeploymentArn) ??
        output.serviceDeployments?.[0];
      if (!deployment) throw missing("DescribeServiceDeployments", serviceDeploymentArn, output.failures);
      return {
        serviceDeploymentArn: deployment.serviceDeploymentArn ?? serviceDeploymentArn,
        createdAt: deployment.createdAt ?? null,
        startedAt: deployment.startedAt ?? null,
      };
    },
  };
}

function missing(
  operation: string,
  arn: string,
  failures: readonly { reason?: string; detail?: string }[] | undefined,
): AwsCallError {
  const failure = failures?.[0];
  return new AwsCallError(
    operation,
    arn,
    new Error(
      failure
        ? `${failure.reason ?? "failure"}${failure.detail ? `: ${failure.detail}` : ""}`
        : `nothing returned for ${arn}`,
    ),
  );
}
