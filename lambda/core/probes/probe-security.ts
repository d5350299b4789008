import { mapConcurrent } from "../map-concurrent.js";
import { ProbeStatus, type SecurityFinding, SecurityFindingKind } from "../report/report.js";
import { type AnsweredTarget, type ProbeRun, securityNeedMs } from "./probe-run.js";
import { sendProbe } from "./send-probe.js";

/** The security pass's findings, and the tasks it skipped for want of time. */
export interface SecurityResults {
  readonly findings: readonly SecurityFinding[];
  readonly skipped: ReadonlySet<string>;
}

/**
 * The security pass: the negative probes deferred until every task's AWSCURRENT and control probes
 * were sent (see `createSecurityPacing`). They run on what is left of
 * the probing budget: a task starts them only while that covers both requests at the full probe
 * timeout, so none is cut half-way; the rest are skipped and say so. When the budget is short the
 * tasks probed are a sample across services, not the first services in report order: the queue
 * takes one task of each service in turn.
 */
export async function probeSecurity(
  run: ProbeRun,
  answered: readonly AnsweredTarget[],
): Promise<SecurityResults> {
  const skipped = new Set<string>();
  const neededMs = securityNeedMs(run);
  const found = await mapConcurrent(interleaveByService(answered), run.context.concurrency, async (item) => {
    if (run.context.securityProbesAllowed?.(neededMs) === false) {
      skipped.add(item.target.task.taskArn);
      return [];
    }
    try {
      return await probeSecurityOf(run, item);
    } finally {
      run.context.probe.release?.(item.call.url);
    }
  });
  return { findings: found.flat(), skipped };
}

/** One task's negative probes: an `alg: none` token and one signed with a wrong key; either accepted is a critical finding. */
export async function probeSecurityOf(run: ProbeRun, item: AnsweredTarget): Promise<SecurityFinding[]> {
  const { target, call, key, claims } = item;
  const service = `${target.cluster}/${target.service}`;
  const findings: SecurityFinding[] = [];
  for (const kind of [SecurityFindingKind.AcceptsAlgNone, SecurityFindingKind.AcceptsWrongKey]) {
    const tokenKind = kind === SecurityFindingKind.AcceptsAlgNone ? "alg-none" : "wrong-key";
    const token = await run.tokens.tokenFor(service, tokenKind, key, claims);
    const result = await sendProbe(run.context.probe, call, token);
    if (result.status === ProbeStatus.Accepted)
      findings.push({
        severity: "critical",
        kind,
        cluster: target.cluster,
        service: target.service,
        taskArn: target.task.taskArn,
        url: call.url,
      });
  }
  return findings;
}

/** One task of each service in turn (services in first-seen order): a cut-short pass still samples them all. */
export function interleaveByService<T extends { readonly target: { cluster: string; service: string } }>(
  items: readonly T[],
): T[] {
  const byService = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.target.cluster}/${item.target.service}`;
    const queue = byService.get(key);
    if (queue) queue.push(item);
    else byService.set(key, [item]);
  }
  const queues = [...byService.values()];
  const ordered: T[] = [];
  for (let round = 0; ordered.length < items.length; round++)
    for (const queue of queues) {
      const item = queue[round];
      if (item) ordered.push(item);
    }
  return ordered;
}
