import { randomBytes, randomInt, randomUUID } from "node:crypto";

/** Random identifiers in the exact formats ECS returns. */

/** A task id: 32 lowercase hex digits. */
export function newTaskId(): string {
  return randomBytes(16).toString("hex");
}

/** A deployment id: `ecs-svc/` plus 19 digits (never starting with 0). */
export function newDeploymentId(): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return `ecs-svc/${digits}`;
}

/** An ENI id: `eni-` plus 17 hex digits. */
export function newEniId(): string {
  return `eni-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

/** A locally administered unicast MAC address. */
export function newMacAddress(): string {
  const bytes = randomBytes(6);
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** A UUID (attachment ids, container ids, service event ids). */
export function newUuid(): string {
  return randomUUID();
}

/** A container runtime id: `<task id>-<10 digits>`. */
export function newRuntimeId(taskId: string): string {
  return `${taskId}-${randomInt(1_000_000_000, 4_294_967_295)}`;
}

/** A service revision id: 19 digits (never starting with 0), as in `service-revision/<c>/<s>/<id>`. */
export function newServiceRevisionId(): string {
  return newDeploymentId().slice("ecs-svc/".length);
}

/** A service deployment id: 21 letters and digits, as in `service-deployment/<c>/<s>/<id>`. */
export function newServiceDeploymentId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let id = "";
  while (id.length < 21) id += alphabet[randomInt(0, alphabet.length)];
  return id;
}
