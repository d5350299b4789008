import type { IssuerPort, LogsPort } from "../../ports.js";
import { IssuerKeyMatch, type IssuerProbeReport } from "../../report/report.js";
import { probeLogFingerprints } from "../log-fingerprint/probe-log-fingerprints.js";
import type { ProbeResults, ProbeTarget } from "../probe-run.js";
import { type IssuerProbeContext, probeIssuers } from "./probe-issuers.js";

/** What the issuer pass needs; without a port, tagged tasks say their issuer probe was not sent. */
export type IssuerPassContext = Omit<IssuerProbeContext, "issuer"> & {
  readonly issuer: IssuerPort | undefined;
  /** CloudWatch Logs, for the fingerprints tasks logged at start. @default none: not read */
  readonly logs?: LogsPort;
};

/**
 * Runs the issuer probes after the verifier probes (they share the run's probing budget, and the
 * verifier probes come first) and folds each task's issuer reports into its probe report, their
 * findings into the run's.
 */
export async function withIssuerProbes(
  probes: ProbeResults,
  targets: readonly ProbeTarget[],
  context: IssuerPassContext,
): Promise<ProbeResults> {
  const logged = targets.some((target) => target.settings.fingerprintLog !== undefined);
  if (!logged && !targets.some((target) => target.settings.issuerProbe !== undefined)) return probes;
  const { issuer } = context;
  const results = issuer
    ? await probeIssuers({ ...context, issuer }, targets)
    : { byTask: notWired(targets), findings: [] };
  const fingerprints = logged
    ? await probeLogFingerprints({ ...context, logs: context.logs }, targets)
    : new Map<string, IssuerProbeReport>();
  const byTask = new Map(probes.byTask);
  const merged = new Map<string, readonly IssuerProbeReport[]>(results.byTask);
  for (const [taskArn, report] of fingerprints) merged.set(taskArn, [...(merged.get(taskArn) ?? []), report]);
  for (const [taskArn, reports] of merged) {
    const report = byTask.get(taskArn);
    if (report && reports.length > 0) byTask.set(taskArn, { ...report, issuer: reports });
  }
  return { byTask, findings: [...probes.findings, ...results.findings] };
}

function notWired(targets: readonly ProbeTarget[]): Map<string, readonly IssuerProbeReport[]> {
  const detail = "not asked: this entry point has no issuer probe port";
  return new Map(
    targets
      .filter((target) => target.settings.issuerProbe)
      .map((target) => {
        const settings = target.settings.issuerProbe;
        const kinds = [
          ...(settings?.jwksPath ? ["jwks" as const] : []),
          ...(settings?.issue ? ["token" as const] : []),
        ];
        return [target.task.taskArn, kinds.map((kind) => ({ kind, match: IssuerKeyMatch.Skipped, detail }))];
      }),
  );
}
