/** What a rejecting app said, as the HTTP probe received it. */
export interface RejectionAnswer {
  /** The `WWW-Authenticate` header, if any. */
  readonly wwwAuthenticate?: string | null;
  readonly contentType?: string | null;
  /** The start of the body (the adapter reads a bounded prefix only). */
  readonly body?: string;
}

/** The longest reason the report carries. */
export const APP_REASON_LIMIT = 200;

/** Anything that looks like a JWT, a bearer credential or a long opaque run (a key, a signature). */
const TOKEN_LIKE = [
  /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\bBearer\s+\S+/gi,
  /[A-Za-z0-9+/=_-]{32,}/g,
];

/**
 * The app's own reason for rejecting a probe, so the operator reads "jwt audience invalid" instead of
 * a bare 401: the RFC 6750 `error_description` of `WWW-Authenticate`, else a short `error`,
 * `message` or `error_description` string field of a JSON body, else the challenge's `error` code. Control characters are dropped,
 * token-like runs replaced by `[redacted]`, and the result bounded to 200 characters. Undefined when
 * the app said nothing usable.
 */
export function extractAppReason(answer: RejectionAnswer): string | undefined {
  const header = answer.wwwAuthenticate ?? undefined;
  const reason =
    challengeParameter(header, "error_description") ??
    jsonReason(answer.contentType ?? undefined, answer.body) ??
    challengeParameter(header, "error");
  return reason === undefined ? undefined : sanitize(reason);
}

function challengeParameter(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const match = new RegExp(`(?:^|[\\s,])${name}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header);
  return match?.[1]?.replace(/\\(.)/g, "$1");
}

function jsonReason(contentType: string | undefined, body: string | undefined): string | undefined {
  if (!body || (contentType !== undefined && !/json/i.test(contentType))) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  for (const field of ["error_description", "message", "error"]) {
    const value = record[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return undefined;
}

function sanitize(reason: string): string | undefined {
  let cleaned = [...reason]
    .map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? " " : char))
    .join("")
    .trim();
  for (const pattern of TOKEN_LIKE) cleaned = cleaned.replace(pattern, "[redacted]");
  if (cleaned === "") return undefined;
  return cleaned.length > APP_REASON_LIMIT ? `${cleaned.slice(0, APP_REASON_LIMIT - 3)}...` : cleaned;
}
