import { isIP } from "node:net";
import type { ProbePort, ProbeRequest } from "../core/ports.js";
import { type ProbeReport, ProbeStatus } from "../core/report/report.js";

/** A JWT-shaped string (three base64url segments), scrubbed from every detail as a last line of defence. */
const JWT_PATTERN = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const DETAIL_LIMIT = 160;

/**
 * The HTTP probe: one GET to a task's own address with the Authorization header. No retries (a
 * retry could turn a 401 into a pass), no redirects followed (a redirect could leave the task),
 * a hard timeout. Every outcome is a `ProbeReport` value; only IP-literal hosts are probed, since
 * the engine only probes addresses ECS reported. Details never contain the token.
 */
export function createHttpProbe(fetchImpl: typeof fetch = fetch): ProbePort {
  return { probe: (request) => probeOnce(fetchImpl, request) };
}

async function probeOnce(fetchImpl: typeof fetch, request: ProbeRequest): Promise<ProbeReport> {
  const refusal = refuseTarget(request.url);
  if (refusal !== undefined) return { status: ProbeStatus.Error, url: request.url, detail: refusal };
  const started = performance.now();
  try {
    const response = await fetchImpl(request.url, {
      method: "GET",
      headers: { authorization: request.authorization },
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const latencyMs = elapsedSince(started);
    await response.body?.cancel().catch(() => undefined);
    return classifyResponse(response, request, latencyMs);
  } catch (error) {
    return classifyFailure(error, request, elapsedSince(started));
  }
}

function refuseTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a valid URL";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `scheme ${parsed.protocol} is not probed (http or https only)`;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) === 0)
    return `host ${host} is not an IP address: the verifier probes only the addresses ECS reports for a task`;
  return undefined;
}

function classifyResponse(response: Response, request: ProbeRequest, latencyMs: number): ProbeReport {
  const httpStatus = response.status;
  const base = { url: request.url, httpStatus, latencyMs };
  const accepted = request.expectStatus?.includes(httpStatus) ?? (httpStatus >= 200 && httpStatus <= 299);
  if (accepted) return { status: ProbeStatus.Accepted, ...base, detail: `HTTP ${httpStatus}` };
  if (httpStatus === 401 || httpStatus === 403) {
    const challenge = response.headers.get("www-authenticate");
    const detail = challenge === null ? `HTTP ${httpStatus}` : `HTTP ${httpStatus} (${challenge})`;
    return { status: ProbeStatus.Rejected, ...base, detail: scrub(detail, request) };
  }
  const expected = request.expectStatus?.join("/") ?? "2xx";
  return { status: ProbeStatus.Unexpected, ...base, detail: `HTTP ${httpStatus}, expected ${expected}` };
}

function classifyFailure(error: unknown, request: ProbeRequest, latencyMs: number): ProbeReport {
  const base = { url: request.url, latencyMs };
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === "TimeoutError" || name === "AbortError")
    return { status: ProbeStatus.Timeout, ...base, detail: `no response within ${request.timeoutMs} ms` };
  const code = errorCodeOf(error);
  if (code === "ECONNREFUSED") return { status: ProbeStatus.Refused, ...base, detail: "connection refused" };
  const message = error instanceof Error ? error.message : String(error);
  const detail = code === undefined ? message : `${code}: ${message}`;
  return { status: ProbeStatus.Error, ...base, detail: scrub(detail, request) };
}

/** undici wraps the socket error: `TypeError("fetch failed", { cause: { code } })`, sometimes an AggregateError. */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 4) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  if (Array.isArray(errors)) {
    const nested = errors.map((inner) => errorCodeOf(inner, depth + 1)).find((found) => found !== undefined);
    if (nested !== undefined) return nested;
  }
  return errorCodeOf(cause, depth + 1);
}

function scrub(detail: string, request: ProbeRequest): string {
  const token = request.authorization.replace(/^\S+\s+/, "");
  const cleaned = (token.length > 0 ? detail.replaceAll(token, "[token]") : detail).replace(
    JWT_PATTERN,
    "[token]",
  );
  return cleaned.length > DETAIL_LIMIT ? `${cleaned.slice(0, DETAIL_LIMIT)}...` : cleaned;
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
