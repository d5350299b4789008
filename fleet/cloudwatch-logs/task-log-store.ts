/** One line a task's container wrote, as the awslogs driver ships it. */
export interface TaskLogEvent {
  readonly timestamp: number;
  readonly message: string;
}

/**
 * The fleet's container logs, in memory: each task's lines under its `awslogs` group and stream
 * (`awslogs-stream-prefix/container-name/task-id`), as the awslogs driver would ship them to
 * CloudWatch Logs. Lines are kept for the fleet's life, a bounded number per stream.
 */
export interface TaskLogStore {
  append(group: string, stream: string, message: string, timestamp: number): void;
  hasGroup(group: string): boolean;
  /** The stream's events in order, or undefined when the stream does not exist. */
  events(group: string, stream: string): readonly TaskLogEvent[] | undefined;
}

/** The most lines kept per stream: a startup line is among the first. */
const MAX_EVENTS_PER_STREAM = 10_000;

export function createTaskLogStore(): TaskLogStore {
  const groups = new Map<string, Map<string, TaskLogEvent[]>>();
  return {
    append(group, stream, message, timestamp) {
      let streams = groups.get(group);
      if (!streams) {
        streams = new Map();
        groups.set(group, streams);
      }
      let events = streams.get(stream);
      if (!events) {
        events = [];
        streams.set(stream, events);
      }
      if (events.length < MAX_EVENTS_PER_STREAM) events.push({ timestamp, message });
    },
    hasGroup: (group) => groups.has(group),
    events: (group, stream) => groups.get(group)?.get(stream),
  };
}
