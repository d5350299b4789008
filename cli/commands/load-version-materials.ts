import type { SecretsPort } from "../../lambda/core/ports.js";
import { fingerprintKey } from "../../lambda/core/probes/keys/key-fingerprint.js";
import { isRecord, tryParseJson } from "../../lambda/core/probes/keys/signing-key-material.js";
import { pickMaterial } from "../../lambda/core/probes/keys/signing-key-pick.js";
import type { SecretDescription } from "../../lambda/core/snapshots.js";
import type { VersionMaterial } from "../token/diagnose-token.js";

/** A labelled version with its key material (never printed) and its public fingerprint. */
export interface LoadedVersion extends VersionMaterial {
  readonly fingerprint: string;
}

/**
 * Reads every labelled version of a secret (DescribeSecret VersionIdsToStages, then GetSecretValue
 * by version id). Unlabelled versions are skipped: DescribeSecret lists only labelled ones and no
 * consumer can be reading an unlabelled version through a stage.
 */
export async function loadVersionMaterials(
  secrets: SecretsPort,
  secretId: string,
  jsonKey: string | undefined,
): Promise<{ description: SecretDescription; versions: LoadedVersion[] }> {
  const description = await secrets.describeSecret(secretId);
  const labelled = Object.entries(description.versionIdsToStages).filter(([, stages]) => stages.length > 0);
  const versions: LoadedVersion[] = [];
  for (const [versionId, stages] of labelled) {
    const value = await secrets.getSecretValue(description.arn, { versionId });
    const source = `version ${versionId} of ${description.name}`;
    const picked = pickMaterial(value.secretString, jsonKey, source);
    const materials =
      jsonKey === undefined
        ? splitMaterials(value.secretString)
        : [{ label: `json-key ${jsonKey}`, text: picked.material }];
    versions.push({ versionId, stages, materials, fingerprint: fingerprintKey(picked.material) });
  }
  return { description, versions };
}

/** A JSON document (not itself a JWK) may hold several keys: try each field, as consumers might read any. */
function splitMaterials(secretString: string): { label: string; text: string }[] {
  const document = tryParseJson(secretString);
  if (!isRecord(document) || typeof document.kty === "string")
    return [{ label: "SecretString", text: secretString }];
  const fields = Object.entries(document).flatMap(([name, value]) => {
    if (typeof value === "string") return [{ label: `json-key ${name}`, text: value }];
    return isRecord(value) ? [{ label: `json-key ${name}`, text: JSON.stringify(value) }] : [];
  });
  return fields.length > 0 ? fields : [{ label: "SecretString", text: secretString }];
}
