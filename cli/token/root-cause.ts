/**
 * A likely reason a token is rejected, in plain words, with the next step. `code` is stable so
 * tests and scripts can branch on it; `summary` and `next` are for the person on call.
 */
export interface RootCause {
  readonly code: RootCauseCode;
  readonly summary: string;
  readonly next: string;
}

export const RootCauseCode = {
  AlgNone: "alg-none",
  SignedByCurrent: "signed-by-current",
  SignedByPrevious: "signed-by-previous",
  SignedByPending: "signed-by-pending",
  SignedByOtherVersion: "signed-by-other-version",
  HmacWithKeyPair: "hmac-with-key-pair",
  HmacTokenVsKeyPair: "hmac-token-vs-key-pair",
  AsymmetricTokenVsSharedSecret: "asymmetric-token-vs-shared-secret",
  MangledPem: "mangled-pem",
  UnusablePem: "unusable-pem",
  SecretBase64Confusion: "secret-base64-confusion",
  TokenEncoding: "token-encoding",
  NoMatchingVersion: "no-matching-version",
  Expired: "expired",
  NotYetValid: "not-yet-valid",
  IssuerMismatch: "issuer-mismatch",
  AudienceMismatch: "audience-mismatch",
} as const;
export type RootCauseCode = (typeof RootCauseCode)[keyof typeof RootCauseCode];

/** Builds a cause; a helper so that the call sites read as sentences. */
export function rootCause(code: RootCauseCode, summary: string, next: string): RootCause {
  return { code, summary, next };
}
