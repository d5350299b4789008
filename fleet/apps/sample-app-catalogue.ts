import type { RequestListener } from "node:http";
import { createFingerprintWorkerApp } from "./fingerprint-worker-app.js";
import { createInsecureJwtApi } from "./insecure-jwt-api.js";
import { createJoseJwtApi } from "./jose-jwt-api.js";
import { createJsonwebtoken8JwtApi } from "./jsonwebtoken-8-jwt-api.js";
import { createJsonwebtoken9JwtApi } from "./jsonwebtoken-9-jwt-api.js";
import { createJwtIssuerApp } from "./jwt-issuer-app.js";
import { createNoProbeWebApp } from "./no-probe-web-app.js";
import { createNoVerifyJwtApi } from "./no-verify-jwt-api.js";
import { createRuntimeFetchJwtApi } from "./runtime-fetch-jwt-api.js";

/**
 * Builds an app's request handler from its container environment, once, at task start.
 * @throws AppConfigError when the environment cannot configure it.
 */
export type SampleAppFactory = (
  image: string,
  env: Readonly<Record<string, string>>,
  /** The container's stdout, line by line. */
  log?: (line: string) => void,
) => RequestListener;

/** One image of the catalogue: how to build it and one line for humans (README, CLI). */
export interface SampleAppEntry {
  readonly create: SampleAppFactory;
  readonly description: string;
}

/** Task definition `image` → sample app. The only place an image name is known. */
export const SAMPLE_APP_CATALOGUE = {
  "sample/jwt-api:jose": { create: createJoseJwtApi, description: "verifies with jose jwtVerify" },
  "sample/jwt-api:jsonwebtoken-9": {
    create: createJsonwebtoken9JwtApi,
    description: "verifies with jsonwebtoken 9 (no EdDSA)",
  },
  "sample/jwt-api:jsonwebtoken-8": {
    create: createJsonwebtoken8JwtApi,
    description: "verifies with jsonwebtoken 8.5.1 (no EdDSA)",
  },
  "sample/jwt-api:insecure": {
    create: createInsecureJwtApi,
    description: "BROKEN on purpose: accepts alg none tokens unverified",
  },
  "sample/jwt-api:no-verify": {
    create: createNoVerifyJwtApi,
    description: "BROKEN on purpose: never checks signatures",
  },
  "sample/web:no-probe": { create: createNoProbeWebApp, description: "no JWT endpoint: / and /health only" },
  "sample/jwt-issuer:jose": {
    create: createJwtIssuerApp,
    description: "signs tokens with jose: /.well-known/jwks.json and POST /token",
  },
  "sample/jwt-api:runtime-fetch": {
    create: createRuntimeFetchJwtApi,
    description: "verifies with a key read through the Secrets Manager API, cached for a TTL",
  },
  "sample/worker:fingerprint": {
    create: createFingerprintWorkerApp,
    description: "a worker with no JWT endpoint that logs its key fingerprint at start",
  },
} as const satisfies Readonly<Record<string, SampleAppEntry>>;

/** An image name the catalogue knows. */
export type SampleAppImage = keyof typeof SAMPLE_APP_CATALOGUE;

/** The catalogue's images, in documentation order. */
export const SAMPLE_APP_IMAGES = Object.keys(SAMPLE_APP_CATALOGUE) as readonly SampleAppImage[];

/** Narrows an arbitrary task definition `image` to a catalogue entry. */
export function isSampleAppImage(image: string): image is SampleAppImage {
  return Object.hasOwn(SAMPLE_APP_CATALOGUE, image);
}
