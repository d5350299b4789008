import { invalidParameter } from "./secret-errors.js";
import type { RotationRules } from "./secret-store.js";

const DAY_MS = 86_400_000;
const RATE = /^rate\((\d+) (hours?|days?)\)$/;

/** Reads `RotationRules` with the model's bounds (AutomaticallyAfterDays 1-1000). */
export function readRotationRules(input: Record<string, unknown>): RotationRules | undefined {
  const raw = input.RotationRules;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object")
    throw invalidParameter("Invalid parameter RotationRules: a structure is required.");
  const {
    AutomaticallyAfterDays: days,
    Duration: duration,
    ScheduleExpression: expression,
  } = raw as Record<string, unknown>;
  if (
    days !== undefined &&
    (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > 1000)
  ) {
    throw invalidParameter("RotationRules.AutomaticallyAfterDays must be within 1-1000.");
  }
  if (duration !== undefined && (typeof duration !== "string" || !/^[0-9]+h$/.test(duration))) {
    throw invalidParameter("RotationRules.Duration must be a number of hours such as 4h.");
  }
  if (expression !== undefined && typeof expression !== "string") {
    throw invalidParameter("RotationRules.ScheduleExpression must be a string.");
  }
  return {
    ...(days !== undefined ? { AutomaticallyAfterDays: days } : {}),
    ...(duration !== undefined ? { Duration: duration } : {}),
    ...(expression !== undefined ? { ScheduleExpression: expression } : {}),
  };
}

/**
 * When the next scheduled rotation falls: `AutomaticallyAfterDays` or a `rate(...)` expression after
 * `from`. Cron schedules are not evaluated (no scheduler runs them on the fleet): undefined.
 */
export function nextRotationDate(rules: RotationRules | undefined, from: Date): Date | undefined {
  if (rules?.AutomaticallyAfterDays !== undefined)
    return new Date(from.getTime() + rules.AutomaticallyAfterDays * DAY_MS);
  const rate = rules?.ScheduleExpression ? RATE.exec(rules.ScheduleExpression) : null;
  if (!rate) return undefined;
  const unitMs = rate[2]?.startsWith("hour") ? DAY_MS / 24 : DAY_MS;
  return new Date(from.getTime() + Number(rate[1]) * unitMs);
}
