import type { RequestListener } from "node:http";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { decodeUnverified } from "./insecure-jwt-api.js";
import { JOSE_ALGORITHMS } from "./jose-jwt-api.js";
import { readJwtAppConfig } from "./read-jwt-app-config.js";

/**
 * `sample/jwt-api:no-verify`: deliberately broken. It reads its key like the others but decodes
 * tokens without checking any signature (`jwt.decode` where `jwt.verify` was meant), so a token
 * signed with any key, or with `alg: none`, passes. The wrong-key negative probe must flag it.
 */
export function createNoVerifyJwtApi(image: string, env: Readonly<Record<string, string>>): RequestListener {
  readJwtAppConfig(image, env, JOSE_ALGORITHMS);
  return createJwtApiListener((token) => Promise.resolve(decodeUnverified(token)));
}
