import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { HEALTH_BODY, pathOf, sendJson } from "./send-json.js";
import type { TokenVerifier } from "./verify-with-keys.js";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The HTTP surface shared by every JWT sample app: `/health` open, every path under `/api/`
 * behind `Authorization: Bearer`, 200 `{"claims": ...}` or 401 `{"error": ...}`. Nothing is
 * logged: tokens and keys never leave the process.
 */
export function createJwtApiListener(verify: TokenVerifier): RequestListener {
  return (req, res) => {
    req.resume();
    const path = pathOf(req.url);
    if (path === "/health") return sendJson(res, 200, HEALTH_BODY);
    if (path !== "/api" && !path.startsWith("/api/")) return sendJson(res, 404, { error: "not found" });
    void answerApi(req, res, verify);
  };
}

async function answerApi(req: IncomingMessage, res: ServerResponse, verify: TokenVerifier): Promise<void> {
  const token = BEARER.exec(req.headers.authorization ?? "")?.[1];
  if (token === undefined) {
    return sendJson(res, 401, { error: "missing bearer token" }, { "www-authenticate": "Bearer" });
  }
  const outcome = await verify(token);
  if (outcome.ok) return sendJson(res, 200, { claims: outcome.claims });
  sendJson(res, 401, { error: outcome.error }, { "www-authenticate": 'Bearer error="invalid_token"' });
}
