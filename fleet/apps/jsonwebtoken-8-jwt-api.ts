import type { RequestListener } from "node:http";
import { createRequire } from "node:module";
import {
  createJsonwebtokenAttempt,
  JSONWEBTOKEN_ALGORITHMS,
  type JsonwebtokenLibrary,
} from "./create-jsonwebtoken-attempt.js";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { readJwtAppConfig } from "./read-jwt-app-config.js";
import { verifyWithKeys } from "./verify-with-keys.js";

// The npm alias `jsonwebtoken-8` (jsonwebtoken 8.5.1) ships no types; its `verify` has the same shape as 9's.
const jsonwebtoken8 = createRequire(import.meta.url)("jsonwebtoken-8") as JsonwebtokenLibrary;

/** `sample/jwt-api:jsonwebtoken-8`: the real jsonwebtoken 8.5.1, still common in older services. */
export function createJsonwebtoken8JwtApi(
  image: string,
  env: Readonly<Record<string, string>>,
): RequestListener {
  const config = readJwtAppConfig(image, env, JSONWEBTOKEN_ALGORITHMS);
  return createJwtApiListener(verifyWithKeys(config.keys, createJsonwebtokenAttempt(jsonwebtoken8, config)));
}
