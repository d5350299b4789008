import { boundText } from "../../report/bound-text.js";

/** The service tags of the issuer probes and of runtime-fetch consumers. */
export const IssuerTag = {
  /** Path of the task's JWKS (`/.well-known/jwks.json`): its published public keys. */
  jwksPath: "rollout-verifier:jwks-path",
  /** Path of the task's token endpoint, asked for a token for the service's test principal. */
  issuePath: "rollout-verifier:issue-path",
  /** `POST` (default) or `GET`. */
  issueMethod: "rollout-verifier:issue-method",
  /** The fixed request body the service documents for its test principal (JSON, or form fields). */
  issueBody: "rollout-verifier:issue-body",
} as const;

export const RuntimeFetchTag = {
  /** The secret (ARN or name) the service's app reads at run time, through the Secrets Manager API. */
  secret: "rollout-verifier:secret",
  /** How long, in seconds, the app caches what it read before it reads again. */
  cacheTtl: "rollout-verifier:cache-ttl",
} as const;

/** How to ask a service's tasks which key they sign with. */
export interface IssuerSettings {
  readonly jwksPath?: string;
  readonly issue?: {
    readonly path: string;
    readonly method: "GET" | "POST";
    /** Absent: no body. */
    readonly body?: string;
    readonly contentType?: string;
  };
}

/** A service that reads a secret at run time through a cache, as its tags declare it. */
export interface RuntimeFetchSettings {
  /** The secret's ARN (full or partial) or name, as tagged. */
  readonly secret: string;
  /** The cache TTL in seconds. */
  readonly ttlSeconds: number;
}

/** The longest TTL accepted: a day. A longer one is a typo, or a cache that never refreshes. */
const MAX_TTL_SECONDS = 86_400;

/**
 * The issuer probe settings of a service, with the tags that could not be used (`key="value" (why)`,
 * reported with every probe of the service, like the verifier probe's).
 */
export function readIssuerSettings(tags: Readonly<Record<string, string>>): {
  readonly issuer?: IssuerSettings;
  readonly ignoredTags: readonly string[];
} {
  const ignoredTags: string[] = [];
  const jwksPath = normalisePath(tags[IssuerTag.jwksPath]);
  const issuePath = normalisePath(tags[IssuerTag.issuePath]);
  const rawMethod = tags[IssuerTag.issueMethod]?.trim().toUpperCase();
  if (rawMethod !== undefined && rawMethod !== "GET" && rawMethod !== "POST")
    ignoredTags.push(ignored(IssuerTag.issueMethod, tags, "not GET or POST"));
  const method: "GET" | "POST" = rawMethod === "GET" ? "GET" : "POST";
  const body = tags[IssuerTag.issueBody];
  const issue = issuePath
    ? {
        path: issuePath,
        method,
        ...(body !== undefined && body !== "" && method === "POST"
          ? {
              body,
              contentType: body.trim().startsWith("{")
                ? "application/json"
                : "application/x-www-form-urlencoded",
            }
          : {}),
      }
    : undefined;
  if (!jwksPath && !issue) return { ignoredTags };
  return {
    issuer: { ...(jwksPath ? { jwksPath } : {}), ...(issue ? { issue } : {}) },
    ignoredTags,
  };
}

/** The runtime-fetch declaration of a service, or why its tags could not be used. */
export function readRuntimeFetch(tags: Readonly<Record<string, string>>): {
  readonly runtimeFetch?: RuntimeFetchSettings;
  readonly ignoredTags: readonly string[];
} {
  const secret = tags[RuntimeFetchTag.secret]?.trim();
  const rawTtl = tags[RuntimeFetchTag.cacheTtl];
  if (!secret) return { ignoredTags: [] };
  const ttl = rawTtl !== undefined && /^[0-9]{1,6}$/.test(rawTtl.trim()) ? Number(rawTtl.trim()) : undefined;
  if (ttl === undefined || ttl > MAX_TTL_SECONDS)
    return {
      runtimeFetch: { secret, ttlSeconds: 0 },
      ignoredTags:
        rawTtl === undefined
          ? [
              `${RuntimeFetchTag.cacheTtl} missing (a runtime-fetch service names its cache TTL in seconds; judged with TTL 0)`,
            ]
          : [
              ignored(
                RuntimeFetchTag.cacheTtl,
                tags,
                `not whole seconds 0-${MAX_TTL_SECONDS}; judged with TTL 0`,
              ),
            ],
    };
  return { runtimeFetch: { secret, ttlSeconds: ttl }, ignoredTags: [] };
}

function ignored(key: string, tags: Readonly<Record<string, string>>, why: string): string {
  return `${key}="${boundText(tags[key] ?? "", 64)}" (${why})`;
}

function normalisePath(path: string | undefined): string | undefined {
  const trimmed = path?.trim();
  if (!trimmed) return undefined;
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
