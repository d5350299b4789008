import { AlgorithmFamily, algorithmFamily } from "./algorithm-family.js";
import type { DecodedToken } from "./decode-token.js";

/** How much a warning matters to someone chasing 401s. */
export type WarningSeverity = "critical" | "warning" | "info";

/** One observation about an unverified token; `code` is stable for scripts and tests. */
export interface TokenWarning {
  readonly code: string;
  readonly severity: WarningSeverity;
  readonly message: string;
}

/**
 * Everything a decoded token says on its face that explains a rejection, checked against `now`.
 * Time claims are reported as "expired"/"not yet valid" (clock skew), never as a signature problem.
 */
export function warnToken(token: DecodedToken, now: Date): TokenWarning[] {
  return [...algorithmWarnings(token.header), ...timeWarnings(token.claims, now), ...encodingWarnings(token)];
}

function algorithmWarnings(header: Readonly<Record<string, unknown>>): TokenWarning[] {
  const alg = header.alg;
  const family = algorithmFamily(alg);
  const warnings: TokenWarning[] = [];
  if (family === AlgorithmFamily.None) {
    warnings.push(
      warn(
        "alg-none",
        "critical",
        `alg is "${String(alg)}": the token is unsigned; a verifier that accepts it accepts anything.`,
      ),
    );
  } else if (family === AlgorithmFamily.Hmac) {
    warnings.push(
      warn(
        "alg-hmac",
        "info",
        `alg ${String(alg)}: HMAC with a shared secret; issuer and verifier must hold the same secret bytes.`,
      ),
    );
  } else if (family === AlgorithmFamily.Asymmetric) {
    warnings.push(
      warn(
        "alg-asymmetric",
        "info",
        `alg ${String(alg)}: signed with a private key; the verifier needs the matching public key, not a shared secret.`,
      ),
    );
  } else {
    warnings.push(
      warn(
        "alg-unknown",
        "warning",
        `alg ${JSON.stringify(alg) ?? "is missing"}: not a JWS algorithm the verifier will accept.`,
      ),
    );
  }
  const kid = header.kid;
  warnings.push(
    typeof kid === "string"
      ? warn(
          "kid",
          "info",
          `kid "${kid}": the verifier must select the key with this id; after a rotation the new key may carry a new kid.`,
        )
      : warn("no-kid", "info", "No kid: the verifier cannot tell keys apart and tries the one it holds."),
  );
  return warnings;
}

function timeWarnings(claims: Readonly<Record<string, unknown>> | null, now: Date): TokenWarning[] {
  if (claims === null)
    return [
      warn("payload-not-json", "warning", "The payload is not a JSON object: there are no claims to check."),
    ];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const warnings: TokenWarning[] = [];
  const exp = claims.exp;
  if (exp === undefined)
    warnings.push(
      warn("exp-missing", "warning", "No exp: the token never expires; many verifiers require exp."),
    );
  else if (typeof exp !== "number")
    warnings.push(warn("exp-not-number", "warning", "exp is not a number of seconds."));
  else if (exp <= nowSeconds) {
    warnings.push(
      warn(
        "expired",
        "warning",
        `Expired at ${isoSeconds(exp)} (${nowSeconds - exp} s ago): a verifier says "expired", not "invalid signature".`,
      ),
    );
  }
  for (const claim of ["nbf", "iat"] as const) {
    const value = claims[claim];
    if (typeof value === "number" && value > nowSeconds) {
      warnings.push(
        warn(
          `${claim}-in-future`,
          "warning",
          `${claim} is ${isoSeconds(value)}, ${value - nowSeconds} s in the future: clock skew between issuer and verifier makes it "not yet valid", not "invalid signature".`,
        ),
      );
    }
  }
  return warnings;
}

function encodingWarnings(token: DecodedToken): TokenWarning[] {
  const warnings = token.encodingIssues.map((issue) => {
    const what = [
      issue.padding ? "'=' padding" : "",
      issue.standardBase64 ? "standard-base64 '+' or '/'" : "",
    ]
      .filter(Boolean)
      .join(" and ");
    return warn(
      `${issue.segment}-not-base64url`,
      "warning",
      `The ${issue.segment} segment uses ${what}: JWTs use unpadded base64url; strict verifiers reject the token as malformed.`,
    );
  });
  if (token.hadWhitespace) {
    warnings.push(
      warn(
        "whitespace",
        "warning",
        "The token contains whitespace or line breaks (copied from a wrapped log or header?): sent as is, it is malformed.",
      ),
    );
  }
  return warnings;
}

function warn(code: string, severity: WarningSeverity, message: string): TokenWarning {
  return { code, severity, message };
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
