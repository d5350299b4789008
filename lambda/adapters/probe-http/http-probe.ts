import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { isIP } from "node:net";
import type { ProbeOutcome, ProbePort, ProbeRequest } from "../../core/ports.js";
import { ProbeStatus } from "../../core/report/report.js";
import { type ProbeFailure, type ProbeResponse, sendProbeRequest } from "./send-probe-request.js";

/** A JWT-shaped string (three base64url segments), scrubbed from every detail as a last line of defence. */
const JWT_PATTERN = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const DETAIL_LIMIT = 160;

/** The transport, injectable so a test can prove a refused target is never contacted. */
export type SendProbe = typeof sendProbeRequest;

/**
 * The HTTP probe over `node:http`: one GET to a task's own address with the Authorization header. No
 * retries (a retry could turn a 401 into a pass), no redirects followed (a redirect could leave the
 * task), a hard deadline, at most a small excerpt of the body read. Every outcome is a value; only
 * IP-literal hosts are probed, since the engine only probes addresses ECS reported. Details never
 * contain the token.
 *
 * A task's probes share one keep-alive connection (at most one socket per address), closed by
 * `release` when the task's last probe is sent: state per task, never per run, so memory does not
 * grow with the number of tasks. Unlike `fetch`, no port is refused for being on a browser's list.
 */
export function createHttpProbe(send: SendProbe = sendProbeRequest): ProbePort {
  const agents = new Map<string, Agent>();
  const agentFor = (url: URL): Agent => {
    let agent = agents.get(url.origin);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, scheduling: "lifo" } as const;
      agent = url.protocol === "https:" ? new HttpsAgent(options) : new Agent(options);
      agents.set(url.origin, agent);
    }
    return agent;
  };
  return {
    probe: (request) => probeOnce(send, agentFor, request),
    release(url) {
      const origin = originOf(url);
      if (origin === undefined) return;
      agents.get(origin)?.destroy();
      agents.delete(origin);
    },
  };
}

async function probeOnce(
  send: SendProbe,
  agentFor: (url: URL) => Agent,
  request: ProbeRequest,
): Promise<ProbeOutcome> {
  const target = parseTarget(request.url);
  if (typeof target === "string") return { status: ProbeStatus.Error, url: request.url, detail: target };
  const started = performance.now();
  const outcome = await send({
    url: target,
    authorization: request.authorization,
    timeoutMs: request.timeoutMs,
    agent: agentFor(target),
  });
  const latencyMs = elapsedSince(started);
  return "status" in outcome
    ? classifyResponse(outcome, request, latencyMs)
    : classifyFailure(outcome, request, latencyMs);
}

/** The URL to probe, or why it is refused. */
function parseTarget(url: string): URL | string {
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
  return parsed;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function classifyResponse(response: ProbeResponse, request: ProbeRequest, latencyMs: number): ProbeOutcome {
  const httpStatus = response.status;
  const unbounded = Number.POSITIVE_INFINITY;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined)
      headers[name] = Array.isArray(value)
        ? value.map((item) => scrub(item, request, unbounded))
        : scrub(value, request, unbounded);
  const answer = { headers, bodyExcerpt: scrub(response.bodyExcerpt, request, unbounded) };
  const base = { url: request.url, httpStatus, latencyMs, answer };
  const accepted = request.expectStatus?.includes(httpStatus) ?? (httpStatus >= 200 && httpStatus <= 299);
  if (accepted) return { status: ProbeStatus.Accepted, ...base, detail: `HTTP ${httpStatus}` };
  if (httpStatus === 401 || httpStatus === 403) {
    const challenge = response.headers["www-authenticate"];
    const detail = challenge === undefined ? `HTTP ${httpStatus}` : `HTTP ${httpStatus} (${challenge})`;
    return { status: ProbeStatus.Rejected, ...base, detail: scrub(detail, request) };
  }
  const expected = request.expectStatus?.join("/") ?? "2xx";
  return { status: ProbeStatus.Unexpected, ...base, detail: `HTTP ${httpStatus}, expected ${expected}` };
}

function classifyFailure(failure: ProbeFailure, request: ProbeRequest, latencyMs: number): ProbeOutcome {
  const base = { url: request.url, latencyMs };
  if (failure.kind === "timeout")
    return { status: ProbeStatus.Timeout, ...base, detail: `no response within ${request.timeoutMs} ms` };
  if (failure.code === "ECONNREFUSED")
    return { status: ProbeStatus.Refused, ...base, detail: "connection refused" };
  const detail = failure.code === undefined ? failure.message : `${failure.code}: ${failure.message}`;
  return { status: ProbeStatus.Error, ...base, detail: scrub(detail, request) };
}

function scrub(detail: string, request: ProbeRequest, limit = DETAIL_LIMIT): string {
  const token = request.authorization.replace(/^\S+\s+/, "");
  const cleaned = (token.length > 0 ? detail.replaceAll(token, "[token]") : detail).replace(
    JWT_PATTERN,
    "[token]",
  );
  return cleaned.length > limit ? `${cleaned.slice(0, limit)}...` : cleaned;
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
