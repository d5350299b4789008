import type { ControlProbeReport, ProbeReport } from "../report/report.js";
import { ProbeStatus } from "../report/report.js";
import type { ProbeRun, ProbeTarget } from "./probe-run.js";
import type { ProbeClaims, SigningKeyLike } from "./probe-signer.js";
import { type ProbeCall, sendProbe } from "./send-probe.js";

/**
 * One task's verdict-bearing probes: the AWSCURRENT token, then, when that was decisive and
 * AWSPREVIOUS exists, the control token signed with it. Rejected by both keys is `inconclusive`
 * (the probe's claims or path are wrong for that app), never a rejection.
 */
export async function probeCurrent(
  run: ProbeRun,
  target: ProbeTarget,
  call: ProbeCall,
  keys: { readonly current: SigningKeyLike; readonly previous: SigningKeyLike | null },
  claims: ProbeClaims,
): Promise<ProbeReport> {
  const { key: choice } = target;
  const secret = choice.kind === "applies" ? { secret: choice.secret } : {};
  const service = `${target.cluster}/${target.service}`;
  const token = (kind: "current" | "previous", key: SigningKeyLike) =>
    run.tokens.tokenFor(service, kind, key, claims);
  const first = await sendProbe(run.context.probe, call, await token("current", keys.current));
  const decisive = first.status === ProbeStatus.Accepted || first.status === ProbeStatus.Rejected;
  const control =
    decisive && keys.previous
      ? toControl(await sendProbe(run.context.probe, call, await token("previous", keys.previous)))
      : undefined;
  return withControl({ ...first, ...secret }, control);
}

/** Folds the control token's outcome in: rejected by both keys is `inconclusive`, never a rejection. */
function withControl(report: ProbeReport, control: ControlProbeReport | undefined): ProbeReport {
  if (!control) return report;
  const acceptsPrevious = control.status === ProbeStatus.Accepted;
  if (report.status === ProbeStatus.Rejected && control.status === ProbeStatus.Rejected)
    return { ...report, status: ProbeStatus.Inconclusive, control, acceptsPrevious: false };
  return { ...report, control, acceptsPrevious };
}

function toControl(report: ProbeReport): ControlProbeReport {
  return {
    status: report.status,
    ...(report.httpStatus === undefined ? {} : { httpStatus: report.httpStatus }),
    ...(report.appReason === undefined ? {} : { appReason: report.appReason }),
  };
}
