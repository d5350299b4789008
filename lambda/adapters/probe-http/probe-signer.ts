import { importSigningKey, type SigningKey } from "../../core/probes/keys/signing-key.js";
import type { ProbeSigner } from "../../core/probes/probe-signer.js";
import { signAlgNoneToken, signProbeToken, signWrongKeyToken } from "../../core/probes/probe-token.js";

/**
 * The engine's `ProbeSigner` over the jose signing modules, shared by the Lambda and the CLI. The
 * casts are sound: the engine only hands back keys this signer's `importSigningKey` produced.
 */
export function createProbeSigner(): ProbeSigner {
  return {
    importSigningKey: (secretString, options) => importSigningKey(secretString, options),
    signProbeToken: (key, claims, now) => signProbeToken(key as SigningKey, claims, now),
    signAlgNoneToken: (claims, now) => signAlgNoneToken(claims, now),
    signWrongKeyToken: (key, claims, now) => signWrongKeyToken(key as SigningKey, claims, now),
  };
}
