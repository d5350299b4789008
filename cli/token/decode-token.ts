/**
 * Decodes a compact JWT WITHOUT verifying it, leniently: an operator pastes whatever the client
 * sent (line-wrapped, padded, standard base64) and needs to see header and claims anyway, plus
 * which of those deviations a strict verifier would reject.
 */

/** A segment of a compact JWS. */
export type SegmentName = "header" | "payload" | "signature";

/** How one segment deviates from unpadded base64url (RFC 7515 section 2). */
export interface SegmentEncoding {
  readonly segment: SegmentName;
  /** Ends with `=`: base64 padding, which base64url in JWS forbids. */
  readonly padding: boolean;
  /** Contains `+` or `/`: the standard base64 alphabet instead of base64url. */
  readonly standardBase64: boolean;
}

/** A token taken apart. `signingInput` keeps the segments exactly as sent: that is what was signed. */
export interface DecodedToken {
  readonly header: Readonly<Record<string, unknown>>;
  /** The claims object, or null when the payload is not a JSON object. */
  readonly claims: Readonly<Record<string, unknown>> | null;
  /** The token with whitespace and line breaks removed. */
  readonly compact: string;
  /** Every segment re-encoded as unpadded base64url (what a strict library accepts). */
  readonly canonical: string;
  readonly signingInput: string;
  readonly signature: Uint8Array;
  /** The token as given contained spaces, tabs or line breaks (outside leading/trailing space). */
  readonly hadWhitespace: boolean;
  /** Only segments that deviate from base64url. */
  readonly encodingIssues: readonly SegmentEncoding[];
  /** Length of the compact token, for redacted display. */
  readonly length: number;
}

/** Why a string could not be decoded at all. */
export type DecodeFailure = "empty" | "segment-count" | "encrypted-jwe" | "bad-base64" | "bad-header-json";

export type DecodeResult =
  | { readonly ok: true; readonly token: DecodedToken }
  | { readonly ok: false; readonly failure: DecodeFailure; readonly message: string };

/**
 * What people paste around a token: a whole `Authorization: Bearer ...` header line (from a
 * log, curl -v or the browser's network tab), or just the `Bearer ` scheme.
 */
const headerPrefix = /^(?:authorization\s*:\s*)?bearer\s+/i;
const base64Any = /^[A-Za-z0-9+/_-]*={0,2}$/;
const segmentNames: readonly SegmentName[] = ["header", "payload", "signature"];

/** Decodes header and claims of `raw` without any signature check. Never throws. */
export function decodeToken(raw: string): DecodeResult {
  const withoutBearer = raw.trim().replace(headerPrefix, "");
  const compact = withoutBearer.replace(/\s+/g, "");
  if (compact === "") return fail("empty", "The token is empty.");
  const parts = compact.split(".");
  if (parts.length === 5) {
    return fail("encrypted-jwe", "The token has 5 segments: it is an encrypted JWE, not a signed JWT.");
  }
  if (parts.length !== 3) {
    return fail("segment-count", `A JWT has 3 dot-separated segments; this one has ${parts.length}.`);
  }
  const segments = parts as [string, string, string];
  const bad = segments.findIndex((part) => !base64Any.test(part));
  if (bad >= 0) {
    return fail("bad-base64", `The ${segmentNames[bad]} segment contains characters outside base64.`);
  }
  const header = parseJsonObject(segments[0]);
  if (header === null) return fail("bad-header-json", "The header segment does not decode to a JSON object.");
  return {
    ok: true,
    token: {
      header,
      claims: parseJsonObject(segments[1]),
      compact,
      canonical: segments.map(toBase64url).join("."),
      signingInput: `${segments[0]}.${segments[1]}`,
      signature: new Uint8Array(Buffer.from(segments[2], "base64")),
      hadWhitespace: /\s/.test(withoutBearer),
      encodingIssues: segments.flatMap((part, index) => encodingIssue(part, index)),
      length: compact.length,
    },
  };
}

function fail(failure: DecodeFailure, message: string): DecodeResult {
  return { ok: false, failure, message };
}

function parseJsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function toBase64url(segment: string): string {
  return segment.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

function encodingIssue(part: string, index: number): SegmentEncoding[] {
  const padding = part.endsWith("=");
  const standardBase64 = /[+/]/.test(part);
  const segment = segmentNames[index] ?? "signature";
  return padding || standardBase64 ? [{ segment, padding, standardBase64 }] : [];
}
