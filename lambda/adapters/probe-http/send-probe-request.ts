import { type Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** How many bytes of a response body are kept: enough for an app's short JSON or text reason. */
export const bodyExcerptBytes = 1024;

/** A response as far as the probe reads it: status, headers and the first bytes of the body. */
export interface ProbeResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The first `bodyExcerptBytes` of the body, decoded as UTF-8 (possibly cut mid-character). */
  readonly bodyExcerpt: string;
}

/** Why a request got no response: it ran past its deadline, or the socket failed (with its `code`). */
export type ProbeFailure =
  | { readonly kind: "timeout" }
  | { readonly kind: "socket"; readonly code: string | undefined; readonly message: string };

/** What one GET needs; `agent` holds the task's keep-alive connection. */
export interface ProbeHttpRequest {
  readonly url: URL;
  readonly authorization: string;
  readonly timeoutMs: number;
  readonly agent: Agent;
}

/**
 * One GET with `node:http` (or `https`): the deadline covers connect, headers and body together; a
 * redirect is a response like any other (nothing is followed); at most `bodyExcerptBytes` are read,
 * after which the socket is destroyed rather than drained, so a huge or endless body costs nothing;
 * no retry of any kind. Resolves to the response or a failure value, never rejects.
 */
export function sendProbeRequest(request: ProbeHttpRequest): Promise<ProbeResponse | ProbeFailure> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ProbeResponse | ProbeFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const send = request.url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(request.url, {
      method: "GET",
      agent: request.agent,
      headers: { authorization: request.authorization, accept: "*/*" },
    });
    const timer = setTimeout(() => {
      settle({ kind: "timeout" });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      settle({ kind: "socket", code: error.code, message: error.message }),
    );
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = () =>
        settle({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bodyExcerpt: Buffer.concat(chunks).toString("utf8"),
        });
      response.on("data", (chunk: Buffer) => {
        if (kept < bodyExcerptBytes) {
          const part = chunk.subarray(0, bodyExcerptBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (kept >= bodyExcerptBytes && !response.complete) {
          finish();
          outgoing.destroy();
        }
      });
      response.on("end", finish);
      // Closed before its end (the task dropped the connection mid-body): what arrived is the excerpt.
      response.on("close", finish);
      response.on("error", () => undefined);
    });
    outgoing.end();
  });
}
