import type { ProbePort } from "../ports.js";
import { type ProbeReport, ProbeStatus } from "../report/report.js";
import { extractAppReason } from "./extract-app-reason.js";

/** One request's fixed parts: where, how long, which statuses mean "accepted". */
export interface ProbeCall {
  readonly url: string;
  readonly timeoutMs: number;
  readonly expectStatus?: readonly number[];
}

/**
 * Sends one token through the probe port. A rejection carries the app's own reason, read from what the
 * task answered (bounded and sanitized). A throwing adapter becomes an `error` report rather than
 * failing the run, and whatever the adapter wrote, the report never carries the token it was given.
 */
export async function sendProbe(probe: ProbePort, call: ProbeCall, token: string): Promise<ProbeReport> {
  try {
    const { answer, ...report } = await probe.probe({
      url: call.url,
      authorization: `Bearer ${token}`,
      timeoutMs: call.timeoutMs,
      ...(call.expectStatus ? { expectStatus: call.expectStatus } : {}),
    });
    const rejected = report.status === ProbeStatus.Rejected;
    const appReason =
      report.appReason ??
      (rejected && answer
        ? extractAppReason({
            wwwAuthenticate: headerOf(answer.headers["www-authenticate"]),
            contentType: headerOf(answer.headers["content-type"]),
            body: answer.bodyExcerpt,
          })
        : undefined);
    return withoutToken(appReason === undefined ? report : { ...report, appReason }, token);
  } catch (error) {
    return {
      status: ProbeStatus.Error,
      url: call.url,
      detail: `probe failed: ${error instanceof Error ? error.name : "unknown error"}`,
    };
  }
}

function headerOf(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : (value as string | undefined);
}

function withoutToken(report: ProbeReport, token: string): ProbeReport {
  const scrub = (text: string | undefined) =>
    text?.includes(token) ? text.split(token).join("<token>") : text;
  const detail = scrub(report.detail);
  const appReason = scrub(report.appReason);
  return {
    ...report,
    ...(detail === undefined ? {} : { detail }),
    ...(appReason === undefined ? {} : { appReason }),
  };
}
