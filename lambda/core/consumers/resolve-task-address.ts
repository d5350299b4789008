import type { TaskDefinitionSnapshot, TaskSnapshot } from "../snapshots.js";

/** Where to probe a task, or why there is nowhere to probe. */
export type TaskAddress =
  | { readonly kind: "resolved"; readonly host: string; readonly port: number }
  | { readonly kind: "unresolved"; readonly reason: string };

/**
 * The container port to probe: the tag's, else the first port mapping of the container that reads
 * the secret, else the first port mapping of any container.
 */
export function chooseContainerPort(
  taskDefinition: TaskDefinitionSnapshot,
  consumerContainer: string | undefined,
  tagPort: number | undefined,
): number | undefined {
  if (tagPort !== undefined) return tagPort;
  const consumer = taskDefinition.containers.find((container) => container.name === consumerContainer);
  const withPort =
    consumer?.portMappings[0] ??
    taskDefinition.containers.find((c) => c.portMappings.length > 0)?.portMappings[0];
  return withPort?.containerPort;
}

/**
 * The task's own address as ECS reports it: awsvpc → the ENI's private IPv4 + the container port;
 * bridge/host → the container instance's host IP (from EC2) + the host port ECS bound to that
 * container port (duplicate `0.0.0.0`/`::` bindings collapse to one; host mode falls back to the
 * container port). Never a load balancer, never an address from a tag.
 */
export function resolveTaskAddress(
  task: TaskSnapshot,
  containerPort: number | undefined,
  hosts: ReadonlyMap<string, string>,
  networkMode?: string,
): TaskAddress {
  if (containerPort === undefined)
    return unresolved("no container port to probe (no port mapping or probe-port tag)");
  if (task.privateIpv4Address)
    return { kind: "resolved", host: task.privateIpv4Address, port: containerPort };
  if (!task.containerInstanceArn)
    return unresolved("ECS reported neither an ENI address nor a container instance");
  const host = hosts.get(task.containerInstanceArn);
  if (!host) return unresolved(`no host IP known for container instance ${task.containerInstanceArn}`);
  const hostPorts = new Set(
    task.containers.flatMap((container) =>
      container.networkBindings
        .filter((binding) => binding.containerPort === containerPort)
        .map((binding) => binding.hostPort),
    ),
  );
  const [hostPort] = hostPorts;
  if (hostPort !== undefined) return { kind: "resolved", host, port: hostPort };
  if (networkMode === "host") return { kind: "resolved", host, port: containerPort };
  return unresolved(`ECS reported no host port bound to container port ${containerPort}`);
}

/** `host:port`, with brackets for IPv6. */
export function formatAddress(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function unresolved(reason: string): TaskAddress {
  return { kind: "unresolved", reason };
}
