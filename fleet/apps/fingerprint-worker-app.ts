import { createHash } from "node:crypto";
import type { RequestListener } from "node:http";
import { AppConfigError } from "./app-errors.js";
import { JwtAppEnv } from "./read-jwt-app-config.js";
import { HEALTH_BODY, pathOf, sendJson } from "./send-json.js";

/** The environment variable naming the fixed prefix before the fingerprint; the default is below. */
export const FingerprintWorkerEnv = { prefix: "FINGERPRINT_LOG_PREFIX" } as const;
export const DEFAULT_FINGERPRINT_PREFIX = "key fingerprint:";

/**
 * `sample/worker:fingerprint`: a queue worker with no JWT endpoint that reads its key once, at
 * start (`JWT_SECRET`, or `JWT_PUBLIC_KEY`), and logs its fingerprint to stdout as the guide
 * advises: `sha256:` + the first 16 hex digits of the SHA-256 of the key as stored, after a fixed
 * prefix. Only `/health` answers. The key itself is never logged.
 * @throws AppConfigError when no key is set.
 */
export function createFingerprintWorkerApp(
  image: string,
  env: Readonly<Record<string, string>>,
  log: (line: string) => void = () => undefined,
): RequestListener {
  const key = env[JwtAppEnv.publicKey] || env[JwtAppEnv.secret];
  if (!key) throw new AppConfigError(image, `neither ${JwtAppEnv.secret} nor ${JwtAppEnv.publicKey} is set`);
  const fingerprint = `sha256:${createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16)}`;
  const prefix = env[FingerprintWorkerEnv.prefix] || DEFAULT_FINGERPRINT_PREFIX;
  log(`${new Date().toISOString()} worker starting`);
  log(`${new Date().toISOString()} ${prefix} ${fingerprint}`);
  return (req, res) => {
    req.resume();
    if (pathOf(req.url) === "/health") return sendJson(res, 200, HEALTH_BODY);
    sendJson(res, 404, { error: "not found" });
  };
}
