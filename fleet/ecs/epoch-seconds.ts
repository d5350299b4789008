/** Wire timestamps: ECS JSON uses epoch seconds with milliseconds, EventBridge uses ISO strings. */

/** Epoch milliseconds to epoch seconds keeping the milliseconds (e.g. `1748747661.118`). */
export function toEpochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Epoch milliseconds to ISO-8601 with milliseconds (task and deployment details). */
export function toIsoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch milliseconds to ISO-8601 without milliseconds (the EventBridge envelope `time`). */
export function toIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** How a renderer formats timestamps: numbers for API responses, strings for events. */
export type TimeFormat = (ms: number) => number | string;
