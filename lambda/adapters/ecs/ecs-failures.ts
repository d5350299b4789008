import type { Failure } from "@aws-sdk/client-ecs";
import { AwsCallError } from "../../errors.js";

/** A resource ECS listed but could not describe because it vanished in between (reason `MISSING`). */
export interface SkippedResource {
  readonly operation: string;
  readonly arn: string;
  readonly reason: string;
}

/**
 * Applies the adapter's `failures[]` policy: `MISSING` (gone between List and Describe) is skipped
 * and reported; any other reason throws `AwsCallError`, since dropping it could hide a stale task.
 */
export function handleFailures(
  operation: string,
  failures: readonly Failure[],
  onSkipped: (skipped: SkippedResource) => void,
): void {
  for (const failure of failures) {
    const arn = failure.arn ?? "unknown resource";
    const reason = failure.reason ?? "UNKNOWN";
    if (reason === "MISSING") onSkipped({ operation, arn, reason });
    else
      throw new AwsCallError(
        operation,
        arn,
        new Error(`${reason}${failure.detail ? `: ${failure.detail}` : ""}`),
      );
  }
}

/** Deleted (INACTIVE) services cannot be verified or redeployed: skipped and reported. */
export function keepActive(
  status: string | undefined,
  arn: string | undefined,
  onSkipped: (skipped: SkippedResource) => void,
): boolean {
  if (status !== "INACTIVE") return true;
  onSkipped({ operation: "DescribeServices", arn: arn ?? "unknown service", reason: "INACTIVE" });
  return false;
}
