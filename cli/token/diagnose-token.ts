import { type ClaimExpectations, claimCauses } from "./claim-causes.js";
import { currentKeyContext } from "./current-key-context.js";
import type { DecodedToken } from "./decode-token.js";
import { keyCandidates, type MaterialKind } from "./key-candidates.js";
import { rankCauses } from "./rank-causes.js";
import { type RootCause, RootCauseCode, rootCause } from "./root-cause.js";
import { matchCauses, noMatchCauses, type SignatureMatch } from "./signature-causes.js";
import { verifySignature } from "./verify-signature.js";

/** One labelled version of the secret with the key material it holds (never printed). */
export interface VersionMaterial {
  readonly versionId: string;
  readonly stages: readonly string[];
  /** `SecretString`, or one entry per JSON field (`json-key <name>`). */
  readonly materials: readonly { readonly label: string; readonly text: string }[];
}

/** The verdict on one token: who signed it, and why it is (likely) rejected. */
export interface Diagnosis {
  readonly match: SignatureMatch | null;
  /** Most urgent first: security findings, then claim failures, then format, then which key signed. */
  readonly causes: readonly RootCause[];
  /** Versions tried, AWSCURRENT first. */
  readonly versionsChecked: readonly { readonly versionId: string; readonly stages: readonly string[] }[];
  /** True when the token verifies with AWSCURRENT as intended and no claim or encoding problem was found. */
  readonly healthy: boolean;
}

const stageOrder = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"];

/**
 * Finds which version signed `token` by trying every candidate use of every version's key
 * material, AWSCURRENT first, and explains the likely root cause. Pure but for jose/node:crypto.
 */
export async function diagnoseToken(
  token: DecodedToken,
  versions: readonly VersionMaterial[],
  context: { readonly secretId: string; readonly expect: ClaimExpectations; readonly now: Date },
): Promise<Diagnosis> {
  const ordered = [...versions].sort((a, b) => rank(a) - rank(b));
  const versionsChecked = ordered.map(({ versionId, stages }) => ({ versionId, stages }));
  const claims = claimCauses(token, context.expect, context.now);
  if (String(token.header.alg).toLowerCase() === "none") {
    const cause = rootCause(
      RootCauseCode.AlgNone,
      "The token is unsigned (alg: none). No key signed it; a verifier that accepts it is a critical security hole.",
      "Find the client that mints unsigned tokens; make sure every verifier rejects alg none.",
    );
    return { match: null, causes: [cause, ...claims], versionsChecked, healthy: false };
  }
  const match = await findSigner(token, ordered);
  const signature =
    match === null ? noMatchCauses(token, currentKind(ordered)) : matchCauses(match, context.secretId);
  const encoding = token.hadWhitespace ? [whitespaceCause()] : [];
  const ranked = rankCauses([...signature, ...encoding, ...claims]);
  const healthy = ranked.length === 1 && ranked[0]?.code === RootCauseCode.SignedByCurrent;
  const causes =
    healthy || match === null
      ? ranked
      : ranked.map((cause) =>
          cause.code === RootCauseCode.SignedByCurrent ? currentKeyContext(match) : cause,
        );
  return { match, causes, versionsChecked, healthy };
}

async function findSigner(
  token: DecodedToken,
  versions: readonly VersionMaterial[],
): Promise<SignatureMatch | null> {
  for (const version of versions) {
    for (const material of version.materials) {
      for (const candidate of keyCandidates(material.text).candidates) {
        const over = await verifySignature(token, candidate);
        if (over !== null) {
          return {
            versionId: version.versionId,
            stages: version.stages,
            material: material.label,
            form: candidate.form,
            over,
          };
        }
      }
    }
  }
  return null;
}

function currentKind(versions: readonly VersionMaterial[]): MaterialKind | null {
  const current = versions.find((version) => version.stages.includes("AWSCURRENT"));
  const first = current?.materials[0];
  return first === undefined ? null : keyCandidates(first.text).kind;
}

function rank(version: VersionMaterial): number {
  const ranks = version.stages.map((stage) => stageOrder.indexOf(stage)).filter((index) => index >= 0);
  return ranks.length === 0 ? stageOrder.length : Math.min(...ranks);
}

function whitespaceCause(): RootCause {
  return rootCause(
    RootCauseCode.TokenEncoding,
    "The token contains whitespace or line breaks: sent as is, a verifier fails to parse it.",
    "Check how the client builds the Authorization header (wrapped lines, trailing newline from a file).",
  );
}
