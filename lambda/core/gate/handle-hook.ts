import { describeError, GateTimeLimitError } from "../../errors.js";
import type { LifecycleHookTrigger } from "../intake/trigger.js";
import type { GateSupport, InvocationDeps } from "../invocation-deps.js";
import { clusterName } from "../report/build-report.js";
import type { RunReport } from "../report/report.js";
import { applyFailurePolicy } from "./decide-gate.js";
import {
  defaultGateConfig,
  type GateConfig,
  type GateDecision,
  GateFailurePolicy,
  GateHookDetail,
  type GateRecord,
  type HookResponse,
  HookStatus,
} from "./gate-types.js";
import { type GateOutcome, runGate } from "./run-gate.js";

/** The stage at which green tasks run and take no traffic yet: the one the gate verifies. */
export const GATED_STAGE = "POST_SCALE_UP";

/**
 * One lifecycle hook invocation: answer SUCCEEDED with no AWS call outside `POST_SCALE_UP` or for a
 * cluster the verifier does not watch (its policy denies ECS calls there, so a check could only end
 * in the failure policy); otherwise decide, apply dry-run (report, never fail a deployment), log the
 * decision with every blocking task, publish the reports and the gate's metrics, and answer ECS.
 * Never throws: a thrown invocation would roll the deployment back regardless of the policy.
 */
export async function handleHook(
  trigger: LifecycleHookTrigger,
  deps: InvocationDeps,
): Promise<{ hook: HookResponse; reports: readonly RunReport[] }> {
  const gate = applyHookOverrides(deps.config.gate ?? defaultGateConfig, trigger.hookDetails);
  const config = { ...deps.config, gate };
  let outcome: GateOutcome | null = null;
  let failure: { code: string; message: string } | undefined;
  let decision: GateDecision;
  if (trigger.lifecycleStage !== GATED_STAGE)
    decision = {
      status: HookStatus.Succeeded,
      reason: `The gate verifies at ${GATED_STAGE}; at ${trigger.lifecycleStage} it lets the deployment go on (a rollback included).`,
      blocks: [],
      byPolicy: false,
    };
  else if (deps.config.clusters !== undefined && !isWatchedCluster(trigger.clusterName, deps.config.clusters))
    decision = {
      status: HookStatus.Succeeded,
      reason: `Cluster ${trigger.clusterName} is not among the verifier's watched clusters (${deps.config.clusters.map(clusterName).join(", ")}): the gate does not verify its services and lets the deployment go on, with no AWS call.`,
      blocks: [],
      byPolicy: false,
    };
  else if (!deps.gate) decision = applyFailurePolicy("this entry point has no deployment gate", gate);
  else
    try {
      outcome = await withinLimit(
        runGate(trigger, { ...deps, revisions: deps.gate.revisions }, config),
        deps.gate,
      );
      decision = outcome.decision;
    } catch (error) {
      const { name, code, message } = describeError(error);
      failure = { code: code ?? name ?? "UNKNOWN", message };
      decision = applyFailurePolicy(`${failure.code}: ${failure.message}`, gate);
    }
  const verdict = decision.status;
  const answered =
    deps.config.dryRun && verdict === HookStatus.Failed
      ? {
          ...decision,
          status: HookStatus.Succeeded,
          reason: `Dry-run: the gate would have failed this deployment. ${decision.reason}`,
        }
      : decision;
  const record = toRecord(
    trigger,
    answered,
    verdict,
    deps.config.dryRun,
    failure,
    outcome?.greenRule ?? null,
  );
  if (verdict === HookStatus.Failed || answered.byPolicy)
    deps.log.error("deployment gate decided", { ...record });
  else deps.log.info("deployment gate decided", { ...record });
  const reports = outcome?.reports ?? [];
  for (const report of reports) await deps.publish(report);
  deps.gate?.record(record);
  return { hook: toResponse(answered, outcome?.waitingSince ?? deps.clock.now()), reports };
}

/**
 * True when `cluster` is one of the configured clusters, given as names or ARNs. Every cluster is
 * watched when none is configured: the caller checks that first.
 */
function isWatchedCluster(cluster: string, watched: readonly string[]): boolean {
  return watched.some((candidate) => clusterName(candidate) === cluster);
}

async function withinLimit<T>(run: Promise<T>, support: GateSupport): Promise<T> {
  const limitMs = support.timeLimitMs();
  if (!Number.isFinite(limitMs)) return run;
  const expired = support.sleep(Math.max(0, limitMs)).then(() => {
    throw new GateTimeLimitError(
      `the gate did not decide within its time limit of ${Math.round(limitMs)} ms`,
    );
  });
  return Promise.race([run, expired]);
}

function toResponse(decision: GateDecision, waitingSince: Date): HookResponse {
  const reason = decision.reason.length > 1000 ? `${decision.reason.slice(0, 997)}...` : decision.reason;
  if (decision.status === HookStatus.InProgress)
    return {
      hookStatus: decision.status,
      callBackDelay: decision.callBackDelay ?? 30,
      hookDetails: {
        [GateHookDetail.startedAt]: waitingSince.toISOString(),
        [GateHookDetail.reason]: reason,
      },
    };
  return { hookStatus: decision.status, hookDetails: { [GateHookDetail.reason]: reason } };
}

function toRecord(
  trigger: LifecycleHookTrigger,
  decision: GateDecision,
  verdict: HookStatus,
  dryRun: boolean,
  error: GateRecord["error"],
  greenRule: string | null,
): GateRecord {
  return {
    hookStatus: decision.status,
    verdict,
    reason: decision.reason,
    byPolicy: decision.byPolicy,
    dryRun,
    lifecycleStage: trigger.lifecycleStage,
    executionId: trigger.executionId,
    serviceArn: trigger.serviceArn,
    targetServiceRevisionArn: trigger.targetServiceRevisionArn,
    serviceDeploymentArn: trigger.serviceDeploymentArn,
    greenRule,
    ...(decision.callBackDelay === undefined ? {} : { callBackDelay: decision.callBackDelay }),
    blocks: decision.blocks,
    ...(error ? { error } : {}),
  };
}

/** The `hookDetails` keys a service's hook configuration may set to override the function's gate settings. */
export const GateOverrideKey = {
  maxWaitSeconds: "maxWaitSeconds",
  onError: "onError",
} as const;

/**
 * The gate settings for one service: the function's, overridden by the hook's own `hookDetails`
 * (`{"onError":"closed","maxWaitSeconds":120}`), so one service can fail closed while the rest fail
 * open, with no change to the function. A value that is not usable is ignored, never fatal: a typo
 * in one service's hook must not roll back its deployments.
 */
export function applyHookOverrides(
  config: GateConfig,
  hookDetails: Readonly<Record<string, unknown>>,
): GateConfig {
  const onError = hookDetails[GateOverrideKey.onError];
  const maxWait = hookDetails[GateOverrideKey.maxWaitSeconds];
  const maxWaitSeconds = typeof maxWait === "string" && maxWait.trim() !== "" ? Number(maxWait) : maxWait;
  return {
    ...config,
    ...(onError === GateFailurePolicy.Open || onError === GateFailurePolicy.Closed ? { onError } : {}),
    ...(typeof maxWaitSeconds === "number" && Number.isInteger(maxWaitSeconds) && maxWaitSeconds >= 0
      ? { maxWaitSeconds }
      : {}),
  };
}
