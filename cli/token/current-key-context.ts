import { CandidateForm } from "./key-candidates.js";
import { type RootCause, RootCauseCode, rootCause } from "./root-cause.js";
import type { SignatureMatch } from "./signature-causes.js";

/**
 * The signed-by-current cause when other causes come first: the key is right, so the claims or the
 * misuse ranked above are why the token is rejected. It must not read "the token is fine".
 */
export function currentKeyContext(match: SignatureMatch): RootCause {
  const version = `version ${match.versionId} (${match.stages.join(", ")})`;
  const how =
    match.form === CandidateForm.PemTextAsHmacSecret || match.form === CandidateForm.PublicPemAsHmacSecret
      ? `The HMAC was computed from the key material of the current ${version}, misused as a shared secret.`
      : `The signature verifies with the current key, ${version}: the key is not the problem.`;
  return rootCause(
    RootCauseCode.SignedByCurrent,
    how,
    "Fix the cause(s) listed above; redeploying will not help.",
  );
}
