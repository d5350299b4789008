import type { FleetIdentity } from "../contracts.js";

/** ARN builders for ECS resources: the formats ECS uses with the long ARN format enabled. */
function prefix(identity: FleetIdentity): string {
  return `arn:aws:ecs:${identity.region}:${identity.account}`;
}

/** `arn:aws:ecs:<region>:<acct>:cluster/<name>` */
export function clusterArn(identity: FleetIdentity, name: string): string {
  return `${prefix(identity)}:cluster/${name}`;
}

/** `arn:aws:ecs:<region>:<acct>:service/<cluster>/<name>` */
export function serviceArn(identity: FleetIdentity, cluster: string, name: string): string {
  return `${prefix(identity)}:service/${cluster}/${name}`;
}

/** `arn:aws:ecs:<region>:<acct>:task/<cluster>/<32 hex>` */
export function taskArn(identity: FleetIdentity, cluster: string, id: string): string {
  return `${prefix(identity)}:task/${cluster}/${id}`;
}

/** `arn:aws:ecs:<region>:<acct>:task-definition/<family>:<revision>` */
export function taskDefinitionArn(identity: FleetIdentity, family: string, revision: number): string {
  return `${prefix(identity)}:task-definition/${family}:${revision}`;
}

/** `arn:aws:ecs:<region>:<acct>:container/<cluster>/<task id>/<uuid>` */
export function containerArn(identity: FleetIdentity, cluster: string, taskId: string, uuid: string): string {
  return `${prefix(identity)}:container/${cluster}/${taskId}/${uuid}`;
}

/** The resource part after `arn:aws:ecs:<region>:<acct>:`, or the input itself when it is not an ECS ARN. */
export function arnResource(value: string): { type: string; path: string } | undefined {
  const match = /^arn:aws:ecs:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(value);
  return match ? { type: match[1] ?? "", path: match[2] ?? "" } : undefined;
}

/** `arn:aws:ecs:<region>:<acct>:service-revision/<cluster>/<service>/<19 digits>` */
export function serviceRevisionArn(
  identity: FleetIdentity,
  cluster: string,
  service: string,
  id: string,
): string {
  return `${prefix(identity)}:service-revision/${cluster}/${service}/${id}`;
}

/** `arn:aws:ecs:<region>:<acct>:service-deployment/<cluster>/<service>/<21 characters>` */
export function serviceDeploymentArn(
  identity: FleetIdentity,
  cluster: string,
  service: string,
  id: string,
): string {
  return `${prefix(identity)}:service-deployment/${cluster}/${service}/${id}`;
}
