import type { EC2Client } from "@aws-sdk/client-ec2";
import { DescribeContainerInstancesCommand, type ECSClient, type Failure } from "@aws-sdk/client-ecs";
import { chunk, mapConcurrent } from "../../core/map-concurrent.js";
import type { AwsCaller } from "../aws/aws-call.js";

/** ECS and EC2 allow 100 ids per describe call. */
const BATCH = 100;

/** An EC2 client, or how to get one on first need (its module is large; awsvpc fleets never load it). */
export type Ec2ClientSource = EC2Client | (() => Promise<EC2Client>);

export interface ContainerHostClients {
  readonly ecs: ECSClient;
  /** A client, or a loader called only when a bridge/host task needs one. @default the SDK's standard configuration */
  readonly ec2?: Ec2ClientSource | undefined;
  readonly concurrency: number;
  /** Times and retries each call. */
  readonly call: AwsCaller;
  readonly checkFailures: (operation: string, failures: readonly Failure[] | undefined) => void;
}

/**
 * Container instance ARN -> the EC2 host's private IPv4, for bridge/host tasks. No ECS API returns
 * the host IP, so: DescribeContainerInstances -> `ec2InstanceId` -> ec2:DescribeInstances ->
 * `PrivateIpAddress`. Instances without an address are absent from the map (the task is then
 * unreachable, not probed at a guessed address).
 */
export async function resolveContainerInstanceHosts(
  clients: ContainerHostClients,
  cluster: string,
  containerInstanceArns: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(containerInstanceArns)];
  const hosts = new Map<string, string>();
  if (unique.length === 0) return hosts;
  const pages = await mapConcurrent(chunk(unique, BATCH), clients.concurrency, (batch) =>
    clients.call(
      "DescribeContainerInstances",
      `${cluster}: ${batch.length} container instances`,
      (abortSignal) =>
        clients.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch }), {
          abortSignal,
        }),
    ),
  );
  for (const page of pages) clients.checkFailures("DescribeContainerInstances", page.failures);
  const instanceIdByArn = new Map<string, string>();
  for (const instance of pages.flatMap((page) => page.containerInstances ?? [])) {
    if (instance.containerInstanceArn !== undefined && instance.ec2InstanceId !== undefined)
      instanceIdByArn.set(instance.containerInstanceArn, instance.ec2InstanceId);
  }
  const ipByInstanceId = await describeInstanceIps(clients, [...new Set(instanceIdByArn.values())]);
  for (const [arn, instanceId] of instanceIdByArn) {
    const ip = ipByInstanceId.get(instanceId);
    if (ip !== undefined) hosts.set(arn, ip);
  }
  return hosts;
}

async function describeInstanceIps(
  clients: ContainerHostClients,
  instanceIds: readonly string[],
): Promise<Map<string, string>> {
  const ips = new Map<string, string>();
  if (instanceIds.length === 0) return ips;
  const { DescribeInstancesCommand, EC2Client: DefaultClient } = await import("@aws-sdk/client-ec2");
  const ec2 =
    typeof clients.ec2 === "function" ? await clients.ec2() : (clients.ec2 ?? new DefaultClient({}));
  const pages = await mapConcurrent(chunk(instanceIds, BATCH), clients.concurrency, (batch) =>
    clients.call("DescribeInstances", batch.join(", "), (abortSignal) =>
      ec2.send(new DescribeInstancesCommand({ InstanceIds: batch }), { abortSignal }),
    ),
  );
  for (const instance of pages.flatMap((page) => page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
    if (instance.InstanceId !== undefined && instance.PrivateIpAddress !== undefined)
      ips.set(instance.InstanceId, instance.PrivateIpAddress);
  }
  return ips;
}
