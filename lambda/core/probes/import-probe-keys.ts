import { KeyMaterialError } from "../../errors.js";
import type { ProbeSigner, SigningKeyLike } from "./probe-signer.js";

/** The keys for one json-key: AWSCURRENT (or why it cannot sign), and AWSPREVIOUS when it exists and differs. */
export interface ProbeKeyPair {
  readonly current: SigningKeyLike | KeyMaterialError;
  readonly previous: SigningKeyLike | null;
}

/** The material and the signer; the material is never logged. */
export interface KeySource {
  readonly signer: ProbeSigner;
  readonly secretString: string;
  readonly previousSecretString: string | null;
}

/**
 * Imports the keys a probe signs with for one json-key: AWSCURRENT, and AWSPREVIOUS for the control
 * token when it exists, can sign and differs from AWSCURRENT (a control token signed with the same
 * key would prove nothing).
 */
export async function importProbeKeys(
  context: KeySource,
  jsonKey: string | undefined,
): Promise<ProbeKeyPair> {
  const current = await importKey(context, context.secretString, jsonKey);
  if (current instanceof KeyMaterialError || context.previousSecretString === null)
    return { current, previous: null };
  const previous = await importKey(context, context.previousSecretString, jsonKey);
  const differs = !(previous instanceof KeyMaterialError) && previous.fingerprint !== current.fingerprint;
  return { current, previous: differs ? previous : null };
}

async function importKey(
  context: KeySource,
  secretString: string,
  jsonKey: string | undefined,
): Promise<SigningKeyLike | KeyMaterialError> {
  try {
    return await context.signer.importSigningKey(secretString, jsonKey ? { jsonKey } : undefined);
  } catch (error) {
    if (error instanceof KeyMaterialError) return error;
    throw error;
  }
}
