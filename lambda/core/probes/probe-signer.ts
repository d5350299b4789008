/**
 * The slice of the signing module (`signing-key.ts`, `probe-token.ts`) the engine calls, injected so
 * the core stays free of key handling details and tests can sign with fixed keys. Methods (not
 * function properties) so an implementation taking a richer key type still fits.
 */

/**
 * How long a signed probe token is reused across one service's tasks before it is signed afresh:
 * half the 60-second lifetime, so no task receives a token close to its `exp`.
 */
export const PROBE_TOKEN_REUSE_MS = 30_000;

/** A key ready to sign probe tokens. Its material never leaves the signing module; the fingerprint may. */
export interface SigningKeyLike {
  readonly alg: string;
  readonly kid?: string;
  readonly fingerprint: string;
}

/** Claims of a probe token; `subject` defaults to `rollout-verifier` in the signer. */
export interface ProbeClaims {
  readonly issuer?: string;
  readonly audience?: string;
  readonly subject?: string;
}

/** Signs the probe tokens: one with AWSCURRENT, and the two negative ones that must be rejected. */
export interface ProbeSigner {
  /** Throws KeyMaterialError when the material cannot sign (the run then skips probes, it does not fail). */
  importSigningKey(secretString: string, options?: { jsonKey?: string }): Promise<SigningKeyLike>;
  signProbeToken(key: SigningKeyLike, claims: ProbeClaims, now: Date): Promise<string>;
  signAlgNoneToken(claims: ProbeClaims, now: Date): string;
  signWrongKeyToken(key: SigningKeyLike, claims: ProbeClaims, now: Date): Promise<string>;
}
