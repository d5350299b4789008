import { AlgorithmFamily, algorithmFamily } from "./algorithm-family.js";
import type { DecodedToken } from "./decode-token.js";
import { CandidateForm, type MaterialKind } from "./key-candidates.js";
import { type RootCause, RootCauseCode, rootCause } from "./root-cause.js";
import type { SignedOver } from "./verify-signature.js";

/** The version (and the way its key material was used) whose key produced the signature. */
export interface SignatureMatch {
  readonly versionId: string;
  readonly stages: readonly string[];
  /** `SecretString` or `json-key <name>`: where in the version the key sat. */
  readonly material: string;
  readonly form: CandidateForm;
  readonly over: SignedOver;
}

/** Plain-words causes for a signature that some labelled version produced. */
export function matchCauses(match: SignatureMatch, secretId: string): RootCause[] {
  return [
    versionCause(match, secretId),
    ...formCauses(match.form),
    ...(match.over === "as-sent" ? [issuerEncodingCause()] : []),
  ];
}

/** Plain-words causes when no labelled version produced the signature. */
export function noMatchCauses(token: DecodedToken, currentKind: MaterialKind | null): RootCause[] {
  const family = algorithmFamily(token.header.alg);
  const alg = String(token.header.alg);
  if (family === AlgorithmFamily.Hmac && (currentKind === "key-pair" || currentKind === "public-key")) {
    return [
      rootCause(
        RootCauseCode.HmacTokenVsKeyPair,
        `The token is ${alg} (shared-secret HMAC), but the secret holds a ${currentKind}: issuer and verifier disagree on the algorithm.`,
        "Make the issuer sign with the private key (RS/ES), and pin the verifier's accepted algorithms.",
      ),
    ];
  }
  if (family === AlgorithmFamily.Asymmetric && currentKind === "shared-secret") {
    return [
      rootCause(
        RootCauseCode.AsymmetricTokenVsSharedSecret,
        `The token is ${alg} (private-key signature), but the secret holds a shared secret: it cannot verify this token.`,
        "Point the verifier at the secret holding the issuer's public key, or make the issuer use HS256 with this secret.",
      ),
    ];
  }
  if (currentKind === "unusable-pem") {
    return [
      rootCause(
        RootCauseCode.UnusablePem,
        "AWSCURRENT holds PEM armor that does not parse even after repairing line breaks.",
        "Re-store the key: `aws secretsmanager put-secret-value --secret-string file://key.pem`.",
      ),
    ];
  }
  if (token.encodingIssues.length > 0) return [issuerEncodingCause()];
  return [
    rootCause(
      RootCauseCode.NoMatchingVersion,
      "No labelled version of the secret produced this signature: it comes from another secret, another environment, or a version whose label was removed.",
      "Compare `rollout-verifier fingerprint` between environments and check which secret the issuer reads.",
    ),
  ];
}

function versionCause(match: SignatureMatch, secretId: string): RootCause {
  const version = `version ${match.versionId} (${match.stages.join(", ") || "no label"})`;
  if (match.stages.includes("AWSCURRENT")) {
    return rootCause(
      RootCauseCode.SignedByCurrent,
      `Signed by the current key, ${version}. A service that rejects it still holds the previous key: it started before the cut-over.`,
      `Run \`rollout-verifier verify --secret-id ${secretId}\`, then again with --redeploy.`,
    );
  }
  if (match.stages.includes("AWSPREVIOUS")) {
    return rootCause(
      RootCauseCode.SignedByPrevious,
      `Signed by the previous key, ${version}: the issuer (a stale task or client) still holds the old secret.`,
      "Restart or redeploy the issuer so it reads AWSCURRENT; tokens it issued before will expire on their own.",
    );
  }
  if (match.stages.includes("AWSPENDING")) {
    return rootCause(
      RootCauseCode.SignedByPending,
      `Signed by the pending key, ${version}: the issuer picked up a key the rotation has not made current yet.`,
      "Make the issuer read AWSCURRENT only; check why the rotation has not finished (RotationFailed events).",
    );
  }
  return rootCause(
    RootCauseCode.SignedByOtherVersion,
    `Signed by ${version}, not AWSCURRENT: the issuer reads a custom label or a pinned version.`,
    "Check the issuer's valueFrom / version stage and point it at AWSCURRENT.",
  );
}

function formCauses(form: CandidateForm): RootCause[] {
  switch (form) {
    case CandidateForm.PublicPemAsHmacSecret:
      return [
        rootCause(
          RootCauseCode.HmacWithKeyPair,
          "FORGERY SUSPECTED: the token is HMAC-signed with the PUBLIC key's PEM text as the shared secret (algorithm confusion). Anyone holding the public key can mint such tokens; a verifier that accepts it is a critical hole.",
          "Treat it as a security incident: find who sent it; make every verifier pin RS/ES algorithms for this key and reject HS*.",
        ),
      ];
    case CandidateForm.PemTextAsHmacSecret:
      return [
        rootCause(
          RootCauseCode.HmacWithKeyPair,
          "The token is HMAC-signed with the PEM text of the key pair used as a shared secret: a key used as an HMAC secret (the algorithm-confusion pattern).",
          "Make the issuer sign with the private key (RS/ES); make every verifier reject HS* for this key.",
        ),
      ];
    case CandidateForm.NormalisedPem:
      return [
        rootCause(
          RootCauseCode.MangledPem,
          "The PEM in the secret has mangled line breaks or whitespace; it only verifies after normalising (literal \\n, spaces or CRLF instead of newlines).",
          "Re-store the PEM with real newlines, e.g. `--secret-string file://key.pem`; strict readers fail on the mangled form.",
        ),
      ];
    case CandidateForm.SharedSecretBase64Decoded:
      return [
        rootCause(
          RootCauseCode.SecretBase64Confusion,
          "Signed with the base64-DECODED bytes of the secret, not the secret string: issuer and verifier disagree on whether the secret is base64 (or base64 vs base64url).",
          "Decide one encoding and use it on both sides.",
        ),
      ];
    default:
      return [];
  }
}

function issuerEncodingCause(): RootCause {
  return rootCause(
    RootCauseCode.TokenEncoding,
    "The token's segments use standard base64 (padding '=' or '+', '/') instead of unpadded base64url: strict verifiers reject it as malformed before looking at the key.",
    "Fix the issuer's JWT encoding (use a JWT library, not hand-rolled base64).",
  );
}
