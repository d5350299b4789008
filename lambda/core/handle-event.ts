import { describeError } from "../errors.js";
import { createEcsSnapshot, type EcsSnapshot } from "./consumers/ecs-snapshot.js";
import type { HookResponse } from "./gate/gate-types.js";
import { handleHook } from "./gate/handle-hook.js";
import { parseTrigger } from "./intake/parse-trigger.js";
import { routeTrigger } from "./intake/route-trigger.js";
import { unwrapQueueBatch } from "./intake/unwrap-queue-batch.js";
import type { InvocationDeps } from "./invocation-deps.js";
import type { EventLog } from "./ports.js";
import { boundText } from "./report/bound-text.js";
import { clustersNotFound } from "./report/clusters-not-found.js";
import { type RunReport, ServiceAction } from "./report/report.js";
import { runVerification } from "./run-verification.js";

/**
 * What the Lambda returns. Always an object with `outcome`; `reports` is always an array (one per
 * verified secret: a sweep or a deployment event may cover several), so callers never branch on shape.
 */
export type HandlerResult =
  | {
      readonly outcome: "ignored";
      readonly reason: string;
      readonly received: string;
      readonly reports: readonly [];
    }
  | { readonly outcome: "verified"; readonly reports: readonly RunReport[] }
  | {
      /**
       * A direct run named a cluster ECS says does not exist: the operator asked for it, so the run
       * does not read as verified. `reports` still hold what the other clusters showed.
       */
      readonly outcome: "clusters-not-found";
      readonly clusters: readonly string[];
      readonly reason: string;
      readonly reports: readonly RunReport[];
    }
  | {
      /** A lifecycle hook: `hook` is what the Lambda returns to ECS; `reports` what the gate verified. */
      readonly outcome: "gated";
      readonly hook: HookResponse;
      readonly reports: readonly RunReport[];
    };

/**
 * One invocation: a single event, or the events of an SQS batch (the stack's run queue) handled in
 * order, their reports together. Every event of a batch is handled even when one fails; the first
 * failure is then rethrown, so SQS delivers the message again (runs are idempotent).
 */
export async function handleEvent(event: unknown, deps: InvocationDeps): Promise<HandlerResult> {
  const queued = unwrapQueueBatch(event);
  if (queued === null) return handleOne(event, deps);
  const results: HandlerResult[] = [];
  const failures: unknown[] = [];
  for (const item of queued) {
    try {
      results.push(await handleOne(item, deps));
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  const [first] = results;
  if (results.length === 1 && first) return first;
  return { outcome: "verified", reports: results.flatMap((result) => result.reports) };
}

/**
 * One event: parse, route, verify each secret, publish each report. ECS is read once for the
 * whole invocation (routing included) and every secret is verified against that one read; only the
 * Secrets Manager calls scale with the number of secrets. An ignored event is logged
 * with what arrived and why, and makes no AWS call. When one secret's run fails, the others still
 * run and publish; the first error is rethrown afterwards so EventBridge retries (runs are idempotent).
 */
async function handleOne(event: unknown, deps: InvocationDeps): Promise<HandlerResult> {
  const trigger = parseOrLog(event, deps.log);
  if (trigger.kind === "lifecycle-hook") return { outcome: "gated", ...(await handleHook(trigger, deps)) };
  const estate = createEcsSnapshot(deps.estate ?? deps.ecs);
  const route = await routeTrigger(trigger, deps.config, { ecs: estate });
  if (route.kind === "ignored") {
    const reason = boundText(route.reason, MAX_LOGGED);
    const received = boundText(route.received, MAX_LOGGED);
    deps.log.info("event ignored", {
      received,
      reason,
      eventId: trigger.eventId === null ? null : boundText(trigger.eventId, MAX_LOGGED),
    });
    return { outcome: "ignored", reason, received, reports: [] };
  }
  const reports: RunReport[] = [];
  const failures: unknown[] = [];
  for (const request of route.requests) {
    try {
      const report = await runVerification(request, { ...deps, estate });
      forgetForcedServices(estate, report);
      await deps.publish(report);
      reports.push(report);
    } catch (error) {
      failures.push(error);
      deps.log.error("verification failed", {
        secretId: boundText(request.secretId, MAX_LOGGED),
        trigger: request.trigger.kind,
        error: describeForLog(error),
      });
    }
  }
  if (failures.length > 0) throw failures[0];
  const missing = trigger.kind === "direct" ? [...new Set(reports.flatMap(clustersNotFound))] : [];
  if (missing.length > 0)
    return {
      outcome: "clusters-not-found",
      clusters: missing,
      reason: `ECS found no cluster named ${missing.join(", ")}: check the name and the function's region; the report covers the others.`,
      reports,
    };
  return { outcome: "verified", reports };
}

/** What a run forced is read again by the next run, which then sees the deployment instead of forcing it twice. */
function forgetForcedServices(estate: EcsSnapshot, report: RunReport): void {
  for (const service of report.services)
    if (service.action === ServiceAction.ForcedDeployment)
      estate.forgetService(service.cluster, service.service);
}

/** A malformed known event is rejected with its typed error, logged first so the failure is readable in the logs. */
function parseOrLog(event: unknown, log: EventLog): ReturnType<typeof parseTrigger> {
  try {
    return parseTrigger(event);
  } catch (error) {
    log.error("event rejected", { error: describeForLog(error) });
    throw error;
  }
}

/**
 * Event fields are untrusted and unbounded (a 1 MB field in an event the verifier ignores): a log
 * line carries at most this many characters of any one of them, so it stays far below CloudWatch's
 * 256 KB event limit.
 */
const MAX_LOGGED = 512;

/** The error's name, message and code, each bounded: what a log line may carry of a failure. */
function describeForLog(error: unknown): Record<string, unknown> {
  const { name, code, message } = describeError(error);
  return {
    ...(name === null ? {} : { name: boundText(name, MAX_LOGGED) }),
    message: boundText(message, MAX_LOGGED),
    ...(code === null ? {} : { code: boundText(code, MAX_LOGGED) }),
  };
}
