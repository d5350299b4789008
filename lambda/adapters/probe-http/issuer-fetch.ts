import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { IssuerAnswer, IssuerPort, IssuerRequest } from "../../core/ports.js";

/** The largest body read: a key set of a few RSA keys or a token response is a few kilobytes. */
export const issuerBodyBytes = 64 * 1024;

/**
 * The issuer port over `node:http`: one request to a task's own IP-literal address, no redirects
 * followed (a 3xx is an answer like any other), no retries, a deadline over connect, headers and
 * body, and at most `issuerBodyBytes` read (past it the socket is destroyed: `too-large`). No agent
 * is kept: one connection per request. Details never hold the body.
 */
export function createIssuerFetch(limitBytes = issuerBodyBytes): IssuerPort {
  return { fetch: (request) => fetchOnce(request, limitBytes) };
}

function fetchOnce(request: IssuerRequest, limitBytes: number): Promise<IssuerAnswer> {
  const target = parseTarget(request.url);
  if (typeof target === "string") return Promise.resolve({ kind: "failed", reason: "error", detail: target });
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: IssuerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
    const outgoing = send(target, {
      method: request.method,
      agent: false,
      headers: {
        accept: "application/json, application/jwt, */*",
        ...(body
          ? { "content-type": request.contentType ?? "application/json", "content-length": body.length }
          : {}),
      },
    });
    const timer = setTimeout(() => {
      settle({
        kind: "failed",
        reason: "timeout",
        detail: `no response within ${request.timeoutMs} ms`,
        latencyMs: latency(),
      });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      settle({
        kind: "failed",
        reason: error.code === "ECONNREFUSED" ? "refused" : "error",
        detail: error.code === "ECONNREFUSED" ? "connection refused" : (error.code ?? error.name),
        latencyMs: latency(),
      }),
    );
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on("data", (chunk: Buffer) => {
        kept += chunk.length;
        if (kept > limitBytes) {
          settle({
            kind: "failed",
            reason: "too-large",
            detail: `the body passed ${limitBytes} bytes`,
            latencyMs: latency(),
          });
          outgoing.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () =>
        settle({
          kind: "answered",
          httpStatus: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          latencyMs: latency(),
        }),
      );
      response.on("error", () => undefined);
      response.on("close", () =>
        settle({
          kind: "failed",
          reason: "error",
          detail: "the connection closed mid-body",
          latencyMs: latency(),
        }),
      );
    });
    outgoing.end(body);
  });
}

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
    return `host ${host} is not an IP address: the verifier asks only the addresses ECS reports for a task`;
  return parsed;
}
