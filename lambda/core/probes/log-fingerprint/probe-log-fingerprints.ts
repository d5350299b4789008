import { mapConcurrent } from "../../map-concurrent.js";
import type { LogsPort } from "../../ports.js";
import { describeFailure } from "../../report/gap-log.js";
import { IssuerKeyMatch, type IssuerProbeReport } from "../../report/report.js";
import { fingerprintMaterial } from "../keys/fingerprint-material.js";
import type { ProbeTarget } from "../probe-run.js";

/** What reading the logged fingerprints needs: the port, AWSCURRENT/AWSPREVIOUS (never logged), limits. */
export interface LogFingerprintContext {
  readonly logs: LogsPort | undefined;
  readonly secretString: string;
  readonly previousSecretString: string | null;
  readonly concurrency: number;
  /** The most pages of one stream read from its head. @default 5 */
  readonly maxPages?: number;
  /** True once the run's probing time is spent. @default never */
  readonly outOfTime?: () => boolean;
}

const DEFAULT_MAX_PAGES = 5;
const FINGERPRINT = /sha256:[0-9a-f]{16}(?![0-9a-f])/;

/**
 * Reads, for every target whose service tags `rollout-verifier:fingerprint-log`, the key
 * fingerprint its container logged at start (the first line of its own stream holding the prefix)
 * and compares it with AWSCURRENT's and AWSPREVIOUS's: one `log` report per task. Only the
 * fingerprint after the prefix is kept; the rest of the line is never logged nor reported.
 */
export async function probeLogFingerprints(
  context: LogFingerprintContext,
  targets: readonly ProbeTarget[],
): Promise<Map<string, IssuerProbeReport>> {
  const wanted = targets.filter((target) => target.settings.fingerprintLog !== undefined);
  const outcomes = await mapConcurrent(wanted, context.concurrency, async (target) => {
    return [target.task.taskArn, await readOne(context, target)] as const;
  });
  return new Map(outcomes);
}

async function readOne(context: LogFingerprintContext, target: ProbeTarget): Promise<IssuerProbeReport> {
  const prefix = target.settings.fingerprintLog ?? "";
  const skipped = (detail: string): IssuerProbeReport => ({
    kind: "log",
    match: IssuerKeyMatch.Skipped,
    detail,
  });
  const stream = target.logStream;
  if (!stream) return skipped("not read: its log stream was not named");
  if (stream.kind === "none") return skipped(`not read: ${stream.reason}`);
  if (!context.logs) return skipped("not read: this entry point has no CloudWatch Logs port");
  if (context.outOfTime?.()) return skipped("not read: the run's probing time is spent");
  const where = `${stream.logGroupName} ${stream.logStreamName}`;
  const base = { kind: "log" as const, logStream: where };
  let answer: Awaited<ReturnType<LogsPort["findLine"]>>;
  try {
    answer = await context.logs.findLine({
      logGroupName: stream.logGroupName,
      logStreamName: stream.logStreamName,
      contains: prefix,
      maxPages: context.maxPages ?? DEFAULT_MAX_PAGES,
    });
  } catch (error) {
    const { operation, errorCode } = describeFailure(error);
    return {
      ...base,
      match: IssuerKeyMatch.Failed,
      detail: `its log stream could not be read (${operation}: ${errorCode})`,
    };
  }
  if (answer.kind === "no-stream")
    return { ...base, match: IssuerKeyMatch.Failed, detail: "its log stream does not exist (yet)" };
  if (answer.kind === "not-found")
    return {
      ...base,
      match: IssuerKeyMatch.Failed,
      detail: `no line with the fingerprint prefix in ${answer.complete ? "its whole log stream" : `the first ${answer.pagesRead} page(s) of its log stream`}`,
    };
  const after = answer.message.slice(answer.message.indexOf(prefix) + prefix.length);
  const logged = FINGERPRINT.exec(after)?.[0];
  if (!logged)
    return {
      ...base,
      match: IssuerKeyMatch.Failed,
      detail: "its startup line holds the prefix but no fingerprint (sha256: + 16 hex digits) after it",
    };
  const current = fingerprintMaterial(context.secretString, stream.jsonKey);
  const previous =
    context.previousSecretString === null
      ? null
      : fingerprintMaterial(context.previousSecretString, stream.jsonKey);
  if (logged === current)
    return {
      ...base,
      match: IssuerKeyMatch.Current,
      fingerprint: logged,
      detail: `It logged at start the fingerprint of AWSCURRENT (${current}): it read the new key.`,
    };
  if (previous !== null && logged === previous)
    return {
      ...base,
      match: IssuerKeyMatch.Previous,
      fingerprint: logged,
      detail: `It logged at start the fingerprint of AWSPREVIOUS (${previous}), not AWSCURRENT's (${current}): it holds the previous key.`,
    };
  return {
    ...base,
    match: IssuerKeyMatch.Neither,
    fingerprint: logged,
    detail: `It logged at start a fingerprint (${logged}) that is neither AWSCURRENT's (${current}) nor ${previous === null ? "AWSPREVIOUS's (absent)" : `AWSPREVIOUS's (${previous})`}.`,
  };
}
