/**
 * The IPC protocol between the fleet and one task host process (`task-host-entry.ts`). The fleet
 * asks a host to start or close a task's app by `id`; the host answers once per request. Secret
 * values travel only inside `env`, over the parent's IPC channel, as ECS injects them at start.
 */
export type TaskHostRequest =
  | {
      readonly type: "start";
      readonly id: number;
      readonly image: string;
      readonly env: Readonly<Record<string, string>>;
      readonly host: string;
      readonly port: number;
      /** Set when the task's container ships its stdout (awslogs): the host sends its lines back. */
      readonly log?: true;
    }
  | { readonly type: "close"; readonly id: number };

export type TaskHostReply =
  | { readonly type: "started"; readonly id: number; readonly url: string }
  | { readonly type: "failed"; readonly id: number; readonly code: string; readonly message: string }
  | { readonly type: "closed"; readonly id: number }
  /** One line of a task app's stdout, for the fleet's CloudWatch Logs. */
  | { readonly type: "log"; readonly id: number; readonly line: string };

/** Narrows whatever arrives on the IPC channel from a host. */
export function isTaskHostReply(value: unknown): value is TaskHostReply {
  if (typeof value !== "object" || value === null || !("type" in value) || !("id" in value)) return false;
  return (
    value.type === "started" || value.type === "failed" || value.type === "closed" || value.type === "log"
  );
}
