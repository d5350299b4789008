import type { RedeployTag } from "../intake/verification-request.js";
import { type ServiceAction, ServiceVerdict, TaskVerdict } from "../report/report.js";
import type { CutoverWindow } from "../secret/cutover-window.js";
import type { DeploymentSnapshot, ServiceSnapshot } from "../snapshots.js";
import { findFailedDeployment, type TriggeringDeployment } from "./find-failed-deployment.js";

/** One consumer as the planner sees it: a service, or the standalone tasks of one family. */
export type PlanSubject =
  | { readonly kind: "service"; readonly service: ServiceSnapshot; readonly optedOut: boolean }
  | { readonly kind: "standalone"; readonly family: string };

/** What should happen to a consumer, before safety limits (dry-run, cap) decide the action. */
export interface ServicePlan {
  readonly verdict: ServiceVerdict;
  readonly reason: string;
  /** The post-cut-over deployment waited on or blamed, if any. */
  readonly deploymentId: string | null;
}

/** A plan for one service, with what is needed to act on it. */
export interface PlannedService {
  readonly cluster: string;
  /** Null for standalone families: never acted on. */
  readonly serviceName: string | null;
  readonly plan: ServicePlan;
}

/** The plan after acting: the action taken and, for a forced deployment, its id. */
export interface ActedService extends ServicePlan {
  readonly action: ServiceAction;
}

/** When a plan is made: the cut-over window, the run's clock, and the opt-in tag forced deployments need. */
export interface PlanContext {
  readonly window: CutoverWindow;
  readonly now: Date;
  readonly redeployTag?: RedeployTag;
  /** The deployment whose state change triggered the run: names a forced deployment ECS already dropped. */
  readonly triggeringDeployment?: TriggeringDeployment;
}

/**
 * A deployment started after the cut-over that is still rolling after this long is stuck (tasks that
 * never become healthy, no circuit breaker to fail it): escalated as `failed` instead of waited on
 * forever. ECS's own circuit breaker gives up far sooner on the failures it can see.
 */
export const STUCK_DEPLOYMENT_MS = 60 * 60 * 1000;

/** Verdicts without proof either way: reported and counted, never a reason to force or to fail. */
const doubtful: readonly TaskVerdict[] = [TaskVerdict.Unknown, TaskVerdict.Unreachable];

/**
 * Plans one consumer from its task verdicts. A forced deployment rests on `stale` tasks only (started
 * before the cut-over, or proven by the control token); `unknown` and `unreachable` tasks are
 * reported, never forced on and never blamed on a completed deployment. Idempotence without a
 * database: a deployment created after the cut-over means someone (this verifier on an earlier
 * event, or an operator) already started the fix, so the service is waited on or, if that deployment
 * failed or finished with stale tasks left, escalated; never forced a second time.
 */
export function planService(
  subject: PlanSubject,
  verdicts: readonly TaskVerdict[],
  context: PlanContext,
  acceptsAnyToken = 0,
): ServicePlan {
  const count = (wanted: readonly TaskVerdict[]) =>
    verdicts.filter((verdict) => wanted.includes(verdict)).length;
  const pinned = count([TaskVerdict.Pinned]);
  const stale = count([TaskVerdict.Stale]);
  const unproven = count(doubtful);
  const pending = count([TaskVerdict.Pending]);
  const unaffected = count([TaskVerdict.Unaffected]);
  const refreshing = count([TaskVerdict.Refreshing]);
  const planned =
    subject.kind === "standalone"
      ? refreshing > 0 && pinned + stale + unproven === 0
        ? plan(ServiceVerdict.Wait, refreshingReason(refreshing))
        : planStandalone(subject.family, pinned + stale + unproven, unaffected, verdicts.length)
      : pinned > 0
        ? blocked(
            `${pinned} task(s) pin the secret to a version or a stage other than AWSCURRENT: register a task definition revision whose valueFrom does not pin a version, then update the service.`,
          )
        : stale + unproven === 0 && pending === 0 && refreshing === 0
          ? plan(ServiceVerdict.Converged, everyTaskCurrent(unaffected, verdicts.length))
          : planLaggingService(
              subject.service,
              subject.optedOut,
              { stale, unproven, pending, refreshing },
              context,
            );
  return acceptsAnyToken === 0 ? planned : withAcceptsAnyToken(planned, acceptsAnyToken);
}

/**
 * A task that accepts forged tokens authenticates nobody, whatever key it holds: its service is
 * never `converged` while that finding stands, and no redeploy fixes it (its app must verify
 * signatures). A plan that acts on other evidence (stale timestamps, a deployment to wait on)
 * stands, and says so too.
 */
function withAcceptsAnyToken(planned: ServicePlan, tasks: number): ServicePlan {
  const finding = `${tasks} task(s) accept any token (a critical finding: they accepted an unsigned or wrong-key token), so their probes prove nothing about their key and anyone can forge a token they trust; a redeploy does not fix that: make the app verify signatures and reject alg "none"`;
  if (planned.verdict === ServiceVerdict.Converged)
    return {
      ...planned,
      verdict: ServiceVerdict.Blocked,
      reason: `${finding}. Judged by timestamps, no task lags.`,
    };
  return { ...planned, reason: `${planned.reason} Also: ${finding}.` };
}

function everyTaskCurrent(unaffected: number, tasks: number): string {
  if (unaffected === 0) return "Every task holds AWSCURRENT.";
  const pullOnly =
    "read this secret only as registry credentials (repositoryCredentials), used at image pull: no running container holds it, so nothing lags and nothing is forced";
  if (unaffected === tasks) return `Its tasks ${pullOnly}.`;
  return `Every task holds AWSCURRENT, or (${unaffected} of them) ${pullOnly}.`;
}

function planLaggingService(
  service: ServiceSnapshot,
  optedOut: boolean,
  counts: { stale: number; unproven: number; pending: number; refreshing: number },
  { window, now, redeployTag, triggeringDeployment }: PlanContext,
): ServicePlan {
  const lagging = counts.stale + counts.unproven;
  const after = service.deployments
    .filter((deployment) => deployment.createdAt > window.latest)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const failed = findFailedDeployment(service, window, triggeringDeployment);
  if (failed)
    return plan(
      ServiceVerdict.Failed,
      `${failed.reason}: investigate why new tasks do not start with AWSCURRENT; the verifier will not force again.`,
      failed.id,
    );
  const newest = after[0];
  if (
    newest &&
    isRolling(newest, service) &&
    now.getTime() - newest.createdAt.getTime() > STUCK_DEPLOYMENT_MS
  )
    return plan(
      ServiceVerdict.Failed,
      `Deployment ${newest.id} started after the cut-over and is still rolling after ${Math.round((now.getTime() - newest.createdAt.getTime()) / 60_000)} minutes, with ${lagging} task(s) lagging: it looks stuck (tasks that never become healthy?); investigate, the verifier will not force another.`,
      newest.id,
    );
  if (newest && isRolling(newest, service))
    return plan(
      ServiceVerdict.Wait,
      `Deployment ${newest.id} started after the cut-over and is still rolling.`,
      newest.id,
    );
  if (lagging === 0)
    return plan(
      ServiceVerdict.Wait,
      [
        ...(counts.pending > 0
          ? [`${counts.pending} task(s) are not RUNNING yet; they are verified on the next run.`]
          : []),
        ...(counts.refreshing > 0 ? [refreshingReason(counts.refreshing)] : []),
      ].join(" "),
    );
  if (counts.stale === 0)
    return blocked(
      `${counts.unproven} task(s) could not be proven either way (unknown or unreachable; see each task's reason): the verifier forces deployments only on stale evidence. Fix the probe (path, claims, probe-secret tag) or check those tasks yourself.`,
    );
  if (newest)
    return plan(
      ServiceVerdict.Failed,
      `Deployment ${newest.id} started after the cut-over and completed, yet ${counts.stale} task(s) are still stale: investigate; the verifier will not force again.`,
      newest.id,
    );
  if (optedOut) return blocked("The service opts out (tag rollout-verifier:opt-out): redeploy it yourself.");
  if (service.deploymentController !== "ECS")
    return blocked(
      `Its ${service.deploymentController} deployment controller does not accept forceNewDeployment: start a new deployment through that controller.`,
    );
  if (redeployTag && service.tags[redeployTag.key] !== redeployTag.value)
    return blocked(
      `It lacks the tag ${redeployTag.key}=${redeployTag.value} required for forced deployments: add the tag or redeploy it yourself.`,
    );
  return plan(
    ServiceVerdict.Redeploy,
    `${counts.stale} task(s) are stale (started before the cut-over, or proven by the control token) and no deployment started after the cut-over.`,
  );
}

function refreshingReason(tasks: number): string {
  return `${tasks} task(s) fetch the secret at run time and are inside their cache TTL since the cut-over: they refresh on their own, so nothing is forced; the next run after the TTL (a sweep, or another event) verifies them again.`;
}

function planStandalone(
  family: string,
  notProvenCurrent: number,
  unaffected: number,
  tasks: number,
): ServicePlan {
  if (notProvenCurrent === 0)
    return plan(
      ServiceVerdict.Converged,
      unaffected === 0 ? "Every standalone task holds AWSCURRENT." : everyTaskCurrent(unaffected, tasks),
    );
  return blocked(
    `${notProvenCurrent} standalone task(s) of family ${family} may hold the previous value: stop them and run them again (no service will replace them).`,
  );
}

/** Services behind a Classic Load Balancer report no rolloutState: rolling while older deployments remain. */
function isRolling(deployment: DeploymentSnapshot, service: ServiceSnapshot): boolean {
  if (deployment.rolloutState) return deployment.rolloutState === "IN_PROGRESS";
  return service.deployments.length > 1;
}

function blocked(reason: string): ServicePlan {
  return plan(ServiceVerdict.Blocked, reason);
}

function plan(verdict: ServiceVerdict, reason: string, deploymentId: string | null = null): ServicePlan {
  return { verdict, reason, deploymentId };
}
