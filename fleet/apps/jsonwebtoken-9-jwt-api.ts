import type { RequestListener } from "node:http";
import jsonwebtoken, { type Algorithm } from "jsonwebtoken";
import {
  createJsonwebtokenAttempt,
  JSONWEBTOKEN_ALGORITHMS,
  type JsonwebtokenLibrary,
} from "./create-jsonwebtoken-attempt.js";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { readJwtAppConfig } from "./read-jwt-app-config.js";
import { verifyWithKeys } from "./verify-with-keys.js";

// The config reader checked the algorithm names against JSONWEBTOKEN_ALGORITHMS and never yields an empty audience.
const jsonwebtoken9: JsonwebtokenLibrary = {
  verify: (token, key, options) =>
    jsonwebtoken.verify(token, key, {
      ...options,
      algorithms: options.algorithms as Algorithm[],
      audience: options.audience as [string, ...string[]] | undefined,
    }),
};

/** `sample/jwt-api:jsonwebtoken-9`: the most common Node JWT library, current major. */
export function createJsonwebtoken9JwtApi(
  image: string,
  env: Readonly<Record<string, string>>,
): RequestListener {
  const config = readJwtAppConfig(image, env, JSONWEBTOKEN_ALGORITHMS);
  return createJwtApiListener(verifyWithKeys(config.keys, createJsonwebtokenAttempt(jsonwebtoken9, config)));
}
