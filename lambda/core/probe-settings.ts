import type { ProbeDefaults } from "./verification-request.js";

/** The `rollout-verifier:*` service tags; a tag overrides the function's default. */
export const ProbeTag = {
  path: "rollout-verifier:probe-path",
  port: "rollout-verifier:probe-port",
  expect: "rollout-verifier:probe-expect",
  scheme: "rollout-verifier:probe-scheme",
  issuer: "rollout-verifier:issuer",
  audience: "rollout-verifier:audience",
  optOut: "rollout-verifier:opt-out",
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
  /** `rollout-verifier:opt-out=true`: neither probed nor force-deployed. */
  readonly optedOut: boolean;
}

/**
 * Reads a service's tags over the defaults. A malformed tag value (a port that is not a number, an
 * unknown scheme) is ignored in favour of the default rather than failing the run: the report's
 * probe detail then shows what was probed. Probes never target an address taken from a tag: a
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
  const issuer = tags[ProbeTag.issuer] ?? defaults.issuer;
  const audience = tags[ProbeTag.audience] ?? defaults.audience;
  return {
    ...(path && !optedOut ? { path } : {}),
    ...(containerPort ? { containerPort } : {}),
    ...(expectStatus ? { expectStatus } : {}),
    scheme: tags[ProbeTag.scheme]?.trim().toLowerCase() === "https" ? "https" : "http",
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    optedOut,
  };
}

function normalisePath(path: string | undefined): string | undefined {
  const trimmed = path?.trim();
  if (!trimmed) return undefined;
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

function parsePort(value: string | undefined): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

function parseStatuses(value: string | undefined): number[] | undefined {
  const statuses = (value ?? "")
    .split(/[,\s]+/)
    .filter((item) => item !== "")
    .map(Number);
  if (
    statuses.length === 0 ||
    statuses.some((status) => !Number.isInteger(status) || status < 100 || status > 599)
  )
    return undefined;
  return statuses;
}
