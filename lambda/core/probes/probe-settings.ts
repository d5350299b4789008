import type { ProbeDefaults } from "../intake/verification-request.js";
import { boundText } from "../report/bound-text.js";
import {
  type IssuerSettings,
  type RuntimeFetchSettings,
  readIssuerSettings,
  readRuntimeFetch,
} from "./issuer/issuer-settings.js";
import { readLogFingerprintPrefix } from "./log-fingerprint/log-fingerprint-settings.js";

/** The `rollout-verifier:*` service tags; a tag overrides the function's default. */
export const ProbeTag = {
  path: "rollout-verifier:probe-path",
  port: "rollout-verifier:probe-port",
  expect: "rollout-verifier:probe-expect",
  scheme: "rollout-verifier:probe-scheme",
  issuer: "rollout-verifier:issuer",
  audience: "rollout-verifier:audience",
  optOut: "rollout-verifier:opt-out",
  /** The probed container's environment variable holding its JWT key, when it reads several secrets. */
  probeSecret: "rollout-verifier:probe-secret",
} as const;

/** How to probe one service's tasks. */
export interface ProbeSettings {
  /** Undefined: this service is not probed. */
  readonly path?: string;
  /** The container port to probe; undefined means the consuming container's first port mapping. */
  readonly containerPort?: number;
  /** Undefined means any 2xx. */
  readonly expectStatus?: readonly number[];
  readonly scheme: "http" | "https";
  readonly issuer?: string;
  readonly audience?: string;
  /** The `secrets[].name` the probed container verifies JWTs with; undefined means inferred. */
  readonly probeSecret?: string;
  /** `rollout-verifier:opt-out=true`: neither probed nor force-deployed. */
  readonly optedOut: boolean;
  /** Tags whose value could not be used, each as `key="value" (why)`: reported with every probe. */
  readonly ignoredTags: readonly string[];
  /** The issuer probes (`rollout-verifier:jwks-path`, `rollout-verifier:issue-path`...); undefined: none. */
  readonly issuerProbe?: IssuerSettings;
  /** Set when the service reads a secret at run time (`rollout-verifier:secret`, `rollout-verifier:cache-ttl`). */
  readonly runtimeFetch?: RuntimeFetchSettings;
  /** The prefix before the key fingerprint in its containers' startup log line (`rollout-verifier:fingerprint-log`). */
  readonly fingerprintLog?: string;
}

/**
 * Reads a service's tags over the defaults. A malformed tag value (a port that is not a number, an
 * unknown scheme) falls back to the default rather than failing the run, and is named in
 * `ignoredTags` so the report's probe detail says what was ignored and why. Probes never target an address taken from a tag: a
 * tag only chooses the port and path on the address ECS reports.
 */
export function readProbeSettings(
  tags: Readonly<Record<string, string>>,
  defaults: ProbeDefaults,
): ProbeSettings {
  const optedOut = tags[ProbeTag.optOut]?.trim().toLowerCase() === "true";
  const path = normalisePath(tags[ProbeTag.path] ?? defaults.path);
  const containerPort = parsePort(tags[ProbeTag.port]);
  const expectStatus = parseStatuses(tags[ProbeTag.expect]);
  const scheme = tags[ProbeTag.scheme]?.trim().toLowerCase();
  const ignoredTags = [
    ...(tags[ProbeTag.port] !== undefined && !containerPort
      ? [ignored(ProbeTag.port, tags, "not a decimal port 1-65535")]
      : []),
    ...(tags[ProbeTag.expect] !== undefined && !expectStatus
      ? [ignored(ProbeTag.expect, tags, "not a list of 3-digit HTTP statuses 100-599")]
      : []),
    ...(scheme !== undefined && scheme !== "http" && scheme !== "https"
      ? [ignored(ProbeTag.scheme, tags, "not http or https")]
      : []),
  ];
  const issuer = tags[ProbeTag.issuer] ?? defaults.issuer;
  const audience = tags[ProbeTag.audience] ?? defaults.audience;
  const probeSecret = tags[ProbeTag.probeSecret]?.trim();
  const issuerProbe = optedOut ? { ignoredTags: [] } : readIssuerSettings(tags);
  const runtimeFetch = readRuntimeFetch(tags);
  const fingerprintLog = optedOut ? { ignoredTags: [] } : readLogFingerprintPrefix(tags);
  ignoredTags.push(...issuerProbe.ignoredTags, ...runtimeFetch.ignoredTags, ...fingerprintLog.ignoredTags);
  return {
    ...(path && !optedOut ? { path } : {}),
    ...(containerPort ? { containerPort } : {}),
    ...(expectStatus ? { expectStatus } : {}),
    scheme: scheme === "https" ? "https" : "http",
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    ...(probeSecret ? { probeSecret } : {}),
    optedOut,
    ignoredTags,
    ...(issuerProbe.issuer ? { issuerProbe: issuerProbe.issuer } : {}),
    ...(runtimeFetch.runtimeFetch ? { runtimeFetch: runtimeFetch.runtimeFetch } : {}),
    ...(fingerprintLog.prefix ? { fingerprintLog: fingerprintLog.prefix } : {}),
  };
}

function ignored(key: string, tags: Readonly<Record<string, string>>, why: string): string {
  return `${key}="${boundText(tags[key] ?? "", 64)}" (${why})`;
}

function normalisePath(path: string | undefined): string | undefined {
  const trimmed = path?.trim();
  if (!trimmed) return undefined;
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/**
 * Decimal digits only: `Number()` would read `1e3` as 1000, `0x1F90` as 8080 and ` 80 ` as 80, so
 * a typo could silently aim the probe at another port.
 */
function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** Three decimal digits each, separated by commas or spaces, 100-599. */
function parseStatuses(value: string | undefined): number[] | undefined {
  const items = (value ?? "").split(/[,\s]+/).filter((item) => item !== "");
  if (items.length === 0 || items.some((item) => !/^[1-5][0-9]{2}$/.test(item))) return undefined;
  return items.map(Number);
}
