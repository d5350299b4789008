import type { RunReport } from "../../lambda/core/report/report.js";
import { ExitCode } from "./cli-io.js";

/**
 * Where a run leaves the fleet, for the exit code and for `--wait`: `pending` may still change by
 * itself (a deployment rolling, tasks starting); `failed` will not without someone acting (a failed
 * or stuck deployment, a blocked service, a security finding).
 */
export type RunState = "converged" | "pending" | "failed" | "no-consumers";

/** Verdicts nobody but an operator can move on from. */
const terminal = new Set<string>(["failed", "blocked"]);

/** ECS's answers for a cluster or service that does not exist: nothing there can read the secret. */
const notFoundErrors = new Set(["ClusterNotFoundException", "ServiceNotFoundException"]);

/**
 * No service found, and the only gaps are clusters or services that do not exist (a typo in
 * `--cluster` or `--service`): nothing reads the secret where we looked, as opposed to a gap that
 * hid consumers (throttling, a timeout), after which nobody knows.
 */
export function foundNoConsumers(report: RunReport): boolean {
  const gaps = report.gaps ?? [];
  return report.services.length === 0 && gaps.every((gap) => notFoundErrors.has(gap.errorCode));
}

/** Judges one report. Unknown verdicts (added later) and gaps count as not converged, never as success. */
export function judgeRun(report: RunReport): RunState {
  const gaps = report.gaps ?? [];
  if (foundNoConsumers(report)) return "no-consumers";
  if (report.securityFindings.length > 0) return "failed";
  if (report.services.some((service) => terminal.has(service.verdict))) return "failed";
  if (gaps.length === 0 && report.services.every((service) => service.verdict === "converged"))
    return "converged";
  return "pending";
}

/** 0 all current, 4 nothing reads the secret where we looked, else 1. */
export function verifyExitCode(report: RunReport): ExitCode {
  const state = judgeRun(report);
  if (state === "converged") return ExitCode.Ok;
  return state === "no-consumers" ? ExitCode.NoConsumers : ExitCode.Findings;
}

/** Every service converged, no negative probe was accepted, and no gap hides part of the fleet. */
export function isAllCurrent(report: RunReport): boolean {
  return judgeRun(report) === "converged";
}

/**
 * Services a later poll may find changed without anyone acting: a deployment is rolling (`wait`), or
 * this run just forced one. Everything else not converged (blocked, failed, stale with no deployment,
 * a security finding, a gap) stays as it is until an operator acts.
 */
export function movingServices(report: RunReport): RunReport["services"] {
  return report.services.filter(
    (service) =>
      service.verdict === "wait" ||
      (service.action === "forced-deployment" && service.verdict !== "converged"),
  );
}

/** The services that need an operator: not converged, and not moving by themselves. */
export function stuckServices(report: RunReport): RunReport["services"] {
  const moving = new Set(movingServices(report));
  return report.services.filter((service) => service.verdict !== "converged" && !moving.has(service));
}
