import { AwsCallError, describeError } from "../../errors.js";
import { boundText } from "./bound-text.js";
import type { GapScope, ReportGap } from "./report.js";

/** Collects the run's gaps as the stages meet them; the report carries them in the order met. */
export interface GapLog {
  record(gap: ReportGap): void;
  /** Records the gap a failed call leaves: its operation and error code come from the error. */
  recordFailure(failure: GapFailure): void;
  readonly gaps: readonly ReportGap[];
}

/** A failed call and what it hid. */
export interface GapFailure {
  readonly scope: GapScope;
  readonly cluster: string | null;
  readonly resource: string;
  readonly error: unknown;
  /** What the failure hides and what the verifier did instead: completes the detail sentence. */
  readonly consequence: string;
  readonly taskArns?: readonly string[];
}

/** Longest `resource` and `detail` a gap carries: a report row, not a copy of an AWS message. */
const MAX_RESOURCE = 200;
const MAX_DETAIL = 400;

/** A run-scoped gap log. */
export function createGapLog(): GapLog {
  const gaps: ReportGap[] = [];
  const record = (gap: ReportGap) => {
    gaps.push({
      ...gap,
      resource: boundText(gap.resource, MAX_RESOURCE),
      detail: boundText(gap.detail, MAX_DETAIL),
    });
  };
  return {
    record,
    recordFailure(failure) {
      const { operation, errorCode } = describeFailure(failure.error);
      record({
        scope: failure.scope,
        cluster: failure.cluster,
        resource: failure.resource,
        operation,
        errorCode,
        detail: `${operation} failed (${errorCode}): ${failure.consequence}`,
        taskArns: failure.taskArns ?? [],
      });
    },
    gaps,
  };
}

/** The operation and AWS error name of a failed call; anything else is an engine fault, named by its class. */
export function describeFailure(error: unknown): { operation: string; errorCode: string } {
  if (error instanceof AwsCallError) return { operation: error.operation, errorCode: error.awsErrorName };
  const { name, code } = describeError(error);
  return { operation: "unknown", errorCode: code ?? name ?? "UnknownError" };
}
