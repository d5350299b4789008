import type { Clock } from "../ports.js";
import {
  PROBE_TOKEN_REUSE_MS,
  type ProbeClaims,
  type ProbeSigner,
  type SigningKeyLike,
} from "./probe-signer.js";

/** The four tokens a probe may send: AWSCURRENT, the AWSPREVIOUS control, and the two negative ones. */
export type TokenKind = "current" | "previous" | "alg-none" | "wrong-key";

/** Tokens of one run, signed once per (service, key, kind) and reused across that service's tasks. */
export interface ServiceTokens {
  tokenFor(service: string, kind: TokenKind, key: SigningKeyLike, claims: ProbeClaims): Promise<string>;
}

/**
 * Signing costs CPU (an RSA signature is a millisecond or more, the control token doubles it), so a
 * token is signed once per service, key and kind and sent to every task of that service: same claims,
 * same short expiry. A token older than `PROBE_TOKEN_REUSE_MS` is signed afresh, so none is sent
 * near its `exp`. The key is part of the cache key by identity (one import per json-key and version).
 */
export function createServiceTokens(signer: ProbeSigner, clock: Clock): ServiceTokens {
  const keyIds = new WeakMap<SigningKeyLike, number>();
  const tokens = new Map<string, { signedAt: number; token: Promise<string> }>();
  let keysSeen = 0;
  const idOf = (key: SigningKeyLike) => {
    let id = keyIds.get(key);
    if (id === undefined) {
      keysSeen += 1;
      id = keysSeen;
      keyIds.set(key, id);
    }
    return id;
  };
  return {
    tokenFor(service, kind, key, claims) {
      const cacheKey = `${service}\u0000${kind}\u0000${idOf(key)}`;
      const now = clock.now();
      const cached = tokens.get(cacheKey);
      if (cached && now.getTime() - cached.signedAt < PROBE_TOKEN_REUSE_MS) return cached.token;
      const token = sign(signer, kind, key, claims, now);
      tokens.set(cacheKey, { signedAt: now.getTime(), token });
      return token;
    },
  };
}

async function sign(
  signer: ProbeSigner,
  kind: TokenKind,
  key: SigningKeyLike,
  claims: ProbeClaims,
  now: Date,
): Promise<string> {
  if (kind === "alg-none") return signer.signAlgNoneToken(claims, now);
  if (kind === "wrong-key") return signer.signWrongKeyToken(key, claims, now);
  return signer.signProbeToken(key, claims, now);
}
