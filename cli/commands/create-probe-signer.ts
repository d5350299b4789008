import type { ProbeSigner } from "../../lambda/core/probe-signer.js";
import { signAlgNoneToken, signProbeToken, signWrongKeyToken } from "../../lambda/core/probe-token.js";
import { importSigningKey, type SigningKey } from "../../lambda/core/signing-key.js";

/**
 * The engine's `ProbeSigner` over the shared signing modules. The casts are sound: the engine only
 * hands back keys this signer's `importSigningKey` produced.
 */
export function createProbeSigner(): ProbeSigner {
  return {
    importSigningKey: (secretString, options) => importSigningKey(secretString, options),
    signProbeToken: (key, claims, now) => signProbeToken(key as SigningKey, claims, now),
    signAlgNoneToken: (claims, now) => signAlgNoneToken(claims, now),
    signWrongKeyToken: (key, claims, now) => signWrongKeyToken(key as SigningKey, claims, now),
  };
}
