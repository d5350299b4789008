import * as z from "zod/mini";
import { type Envelope, ignoredTrigger, parseEventTime, parseOrThrow } from "./event-envelope.js";
import type { Trigger } from "./trigger.js";

const deploymentSchema = z.object({
  eventName: z.string().check(z.minLength(1)),
  deploymentId: z.string().check(z.minLength(1)),
});

const finished = {
  SERVICE_DEPLOYMENT_COMPLETED: "COMPLETED",
  SERVICE_DEPLOYMENT_FAILED: "FAILED",
} as const;

/**
 * `ECS Deployment State Change`: a finished (COMPLETED or FAILED) deployment re-verifies its
 * service; IN_PROGRESS is ignored because nothing is settled yet. `resources[0]` is the service ARN,
 * `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` (old format: `service/<name>`).
 */
export function parseEcsDeploymentEvent(envelope: Envelope): Trigger {
  if (envelope["detail-type"] !== "ECS Deployment State Change")
    return ignoredTrigger(
      envelope,
      `detail-type "${envelope["detail-type"]}" is not a deployment state change`,
    );
  const what = `ECS Deployment State Change event ${envelope.id}`;
  const detail = parseOrThrow(deploymentSchema, envelope.detail, what);
  const state = finished[detail.eventName as keyof typeof finished];
  if (!state)
    return ignoredTrigger(envelope, `${detail.eventName}: the deployment has not finished`, detail.eventName);
  const serviceArn = parseOrThrow(
    z.string().check(z.regex(/^arn:[^:]+:ecs:[^:]*:[^:]*:service\/.+/, "not an ECS service ARN")),
    envelope.resources[0],
    `${what} resources[0]`,
  );
  const path = serviceArn.slice(serviceArn.indexOf(":service/") + ":service/".length).split("/");
  return {
    kind: "deployment-state-change",
    serviceArn,
    clusterName: path.length >= 2 ? (path[0] ?? null) : null,
    serviceName: path[path.length - 1] ?? "",
    deploymentId: detail.deploymentId,
    state,
    eventId: envelope.id,
    eventTime: parseEventTime(envelope),
  };
}
