import { type RootCause, RootCauseCode } from "./root-cause.js";

/**
 * How urgent a cause is, lowest first. A forgery outranks everything (it is an incident, not a
 * rotation problem); a claim failure makes any verifier reject the token whatever key signed it, so
 * it outranks key causes; which version signed comes last, and "signed by the current key" is
 * last of all: alone it means the token is fine.
 */
export const CauseRank = {
  Security: 0,
  Claims: 1,
  Format: 2,
  Key: 3,
  CurrentKey: 4,
} as const;
export type CauseRank = (typeof CauseRank)[keyof typeof CauseRank];

const ranks: Readonly<Record<RootCauseCode, CauseRank>> = {
  [RootCauseCode.AlgNone]: CauseRank.Security,
  [RootCauseCode.HmacWithKeyPair]: CauseRank.Security,
  [RootCauseCode.Expired]: CauseRank.Claims,
  [RootCauseCode.NotYetValid]: CauseRank.Claims,
  [RootCauseCode.IssuerMismatch]: CauseRank.Claims,
  [RootCauseCode.AudienceMismatch]: CauseRank.Claims,
  [RootCauseCode.TokenEncoding]: CauseRank.Format,
  [RootCauseCode.HmacTokenVsKeyPair]: CauseRank.Format,
  [RootCauseCode.AsymmetricTokenVsSharedSecret]: CauseRank.Format,
  [RootCauseCode.MangledPem]: CauseRank.Format,
  [RootCauseCode.UnusablePem]: CauseRank.Format,
  [RootCauseCode.SecretBase64Confusion]: CauseRank.Format,
  [RootCauseCode.SignedByPrevious]: CauseRank.Key,
  [RootCauseCode.SignedByPending]: CauseRank.Key,
  [RootCauseCode.SignedByOtherVersion]: CauseRank.Key,
  [RootCauseCode.NoMatchingVersion]: CauseRank.Key,
  [RootCauseCode.SignedByCurrent]: CauseRank.CurrentKey,
};

/** The rank of one cause code. */
export function rankOf(code: RootCauseCode): CauseRank {
  return ranks[code];
}

/** Orders causes most urgent first; causes of equal rank keep the order they were found in. */
export function rankCauses(causes: readonly RootCause[]): RootCause[] {
  return causes
    .map((cause, index) => ({ cause, index }))
    .sort((a, b) => rankOf(a.cause.code) - rankOf(b.cause.code) || a.index - b.index)
    .map(({ cause }) => cause);
}
