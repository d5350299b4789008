import type { ServerResponse } from "node:http";

/** Writes a small JSON answer with an exact length, so keep-alive clients never wait on a chunked end. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The body every sample app answers on `GET /health`, unauthenticated. */
export const HEALTH_BODY = { status: "ok" } as const;

/** The request path without its query string. */
export function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const query = raw.indexOf("?");
  return query === -1 ? raw : raw.slice(0, query);
}
