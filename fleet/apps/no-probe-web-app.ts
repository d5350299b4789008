import type { RequestListener } from "node:http";
import { HEALTH_BODY, pathOf, sendJson } from "./send-json.js";

/**
 * `sample/web:no-probe`: a service with no JWT endpoint (`/health` and `/` only), for consumers
 * of the secret that cannot be probed; the verifier must fall back to timestamps for them.
 * It reads no configuration, so any environment starts it.
 */
export function createNoProbeWebApp(image: string): RequestListener {
  return (req, res) => {
    req.resume();
    const path = pathOf(req.url);
    if (path === "/health") return sendJson(res, 200, HEALTH_BODY);
    if (path === "/") return sendJson(res, 200, { app: image, message: "hello" });
    sendJson(res, 404, { error: "not found" });
  };
}
