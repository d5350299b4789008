import type { DecodedToken } from "./decode-token.js";
import { type RootCause, RootCauseCode, rootCause } from "./root-cause.js";

/** What the verifier expects of the claims, as the operator passed it (`--issuer`, `--audience`). */
export interface ClaimExpectations {
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Claim problems that make a verifier reject a token whatever its signature: these come out as
 * "expired", "not yet valid" or "unexpected iss/aud", never as "invalid signature".
 */
export function claimCauses(token: DecodedToken, expect: ClaimExpectations, now: Date): RootCause[] {
  const claims = token.claims ?? {};
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const causes: RootCause[] = [];
  if (typeof claims.exp === "number" && claims.exp <= nowSeconds) {
    causes.push(
      rootCause(
        RootCauseCode.Expired,
        `The token expired ${nowSeconds - claims.exp} s ago.`,
        "Get a fresh token; if fresh tokens also fail, the clocks of issuer and verifier disagree.",
      ),
    );
  }
  const future = (["nbf", "iat"] as const).filter(
    (claim) => typeof claims[claim] === "number" && (claims[claim] as number) > nowSeconds,
  );
  if (future.length > 0) {
    causes.push(
      rootCause(
        RootCauseCode.NotYetValid,
        `${future.join(" and ")} lies in the future: the issuer's clock is ahead.`,
        "Fix NTP on the issuer, or allow a small clock tolerance in the verifier.",
      ),
    );
  }
  if (expect.issuer !== undefined && claims.iss !== expect.issuer) {
    causes.push(
      rootCause(
        RootCauseCode.IssuerMismatch,
        `iss is ${JSON.stringify(claims.iss) ?? "missing"}, the verifier expects "${expect.issuer}".`,
        "Align the issuer setting of the token issuer and the verifier.",
      ),
    );
  }
  if (expect.audience !== undefined && !audienceMatches(claims.aud, expect.audience)) {
    causes.push(
      rootCause(
        RootCauseCode.AudienceMismatch,
        `aud is ${JSON.stringify(claims.aud) ?? "missing"}, the verifier expects "${expect.audience}".`,
        "Request the token for the right audience, or fix the verifier's audience setting.",
      ),
    );
  }
  return causes;
}

function audienceMatches(aud: unknown, expected: string): boolean {
  return aud === expected || (Array.isArray(aud) && aud.includes(expected));
}
