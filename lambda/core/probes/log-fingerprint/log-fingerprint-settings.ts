import { boundText } from "../../report/bound-text.js";
import type { TaskDefinitionSnapshot, TaskSnapshot } from "../../snapshots.js";

/** The service tag: a fixed prefix that precedes the key fingerprint in the container's startup log line. */
export const LogFingerprintTag = {
  prefix: "rollout-verifier:fingerprint-log",
} as const;

/** The longest prefix accepted: a label, not a pattern. */
const MAX_PREFIX_LENGTH = 128;

/** The prefix a service's tag names, or why the tag could not be used. */
export function readLogFingerprintPrefix(tags: Readonly<Record<string, string>>): {
  readonly prefix?: string;
  readonly ignoredTags: readonly string[];
} {
  const raw = tags[LogFingerprintTag.prefix];
  if (raw === undefined) return { ignoredTags: [] };
  const prefix = raw.trim();
  if (prefix === "" || prefix.length > MAX_PREFIX_LENGTH)
    return {
      ignoredTags: [
        `${LogFingerprintTag.prefix}="${boundText(raw, 64)}" (empty, or longer than ${MAX_PREFIX_LENGTH} characters)`,
      ],
    };
  return { prefix, ignoredTags: [] };
}

/** Where a task's startup log line is: its own `awslogs` stream, or why it cannot be named. */
export type LogStreamChoice =
  | {
      readonly kind: "stream";
      readonly logGroupName: string;
      readonly logStreamName: string;
      /** The json-key the container reads, so the fingerprints compared are of what it reads. */
      readonly jsonKey?: string;
    }
  | { readonly kind: "none"; readonly reason: string };

/**
 * Names a task's own log stream from its task definition: the container that reads the secret
 * (else the only container logging with `awslogs`), its `awslogs-group`, and the stream
 * `awslogs-stream-prefix/container-name/task-id`, as the awslogs driver names it.
 */
export function chooseLogStream(
  definition: TaskDefinitionSnapshot,
  task: TaskSnapshot,
  reader: { readonly container?: string; readonly jsonKey?: string },
): LogStreamChoice {
  const logging = definition.containers.filter((container) => container.awsLogs !== undefined);
  const container =
    reader.container === undefined
      ? logging.length === 1
        ? logging[0]
        : undefined
      : definition.containers.find((candidate) => candidate.name === reader.container);
  if (!container)
    return {
      kind: "none",
      reason:
        logging.length === 0
          ? "no container of its task definition logs with the awslogs driver and a group"
          : "several containers log with awslogs and none is known to read the secret",
    };
  const options = container.awsLogs;
  if (!options)
    return { kind: "none", reason: `its container ${container.name} does not log with awslogs and a group` };
  if (!options.streamPrefix)
    return {
      kind: "none",
      reason: `its container ${container.name} sets no awslogs-stream-prefix, so its stream cannot be named from the task`,
    };
  const taskId = task.taskArn.split("/").at(-1) ?? task.taskArn;
  return {
    kind: "stream",
    logGroupName: options.group,
    logStreamName: `${options.streamPrefix}/${container.name}/${taskId}`,
    ...(reader.jsonKey === undefined ? {} : { jsonKey: reader.jsonKey }),
  };
}
