import { parseArn } from "./aws-id-formats.js";
import {
  type ContextField,
  type ContextReader,
  decodeJsonText,
  fail,
  readString,
} from "./context-readers.js";

/** One secret to watch, as the deployer writes it in `cdk.json`. */
export interface SecretContext {
  /** Complete ARN, with Secrets Manager's six-character suffix. */
  readonly arn: string;
  /** Customer-managed KMS key encrypting the secret, if any: kms:Decrypt is granted on it. */
  readonly kmsKeyArn?: string;
}

/** The stack's own account and region: the verifier hears the events of these only. */
export interface StackPlace {
  readonly account: string;
  readonly region: string;
}

/**
 * Reads `secrets`: a JSON array of `{arn, kmsKeyArn?}` objects or ARN strings (in `cdk.json`, or as
 * text with `-c`), or a comma-separated list of ARNs. Each ARN must be complete and of the stack's
 * account and region: Secret Label Updated events reach the default bus of that account and region only.
 */
export function readSecretsContext(place: StackPlace): ContextReader<SecretContext[]> {
  return (field, value) => {
    const decoded = decodeJsonText(field, value);
    const items = typeof decoded === "string" ? decoded.split(",").map((arn) => arn.trim()) : decoded;
    if (!Array.isArray(items) || items.length === 0)
      fail(
        field,
        'must list at least one secret, e.g. [{"arn":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf"}]',
      );
    return items.map((item) => readSecret(field, typeof item === "string" ? { arn: item } : item, place));
  };
}

function readSecret(field: ContextField, entry: unknown, place: StackPlace): SecretContext {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    fail(field, `needs secret ARNs or {"arn": ..., "kmsKeyArn": ...} objects, got ${JSON.stringify(entry)}`);
  const { arn, kmsKeyArn, ...unknown } = entry as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0)
    fail(field, `a secret has unknown member(s) ${extra.join(", ")}; use arn and kmsKeyArn`);
  const secretArn = readString(field, arn);
  const parsed = parseArn(secretArn);
  if (parsed?.service !== "secretsmanager" || !/^secret:.+-[A-Za-z0-9]{6}$/.test(parsed.resource))
    fail(
      field,
      `needs complete secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), got "${secretArn}"`,
    );
  if (parsed.account !== place.account || parsed.region !== place.region)
    fail(
      field,
      `secret "${secretArn}" is not in the stack's account ${place.account} and region ${place.region}: the verifier hears rotation events of its own account and region only; deploy a stack there`,
    );
  if (kmsKeyArn === undefined) return { arn: secretArn };
  return { arn: secretArn, kmsKeyArn: readKmsKeyArn(field, kmsKeyArn, parsed.region) };
}

/**
 * A key ARN, never an alias: IAM matches an alias ARN in `Resource` against the alias, not the key
 * it points to, so kms:Decrypt granted on an alias would let no GetSecretValue through.
 */
function readKmsKeyArn(field: ContextField, value: unknown, secretRegion: string): string {
  const text = readString(field, value);
  const parsed = parseArn(text);
  if (parsed?.service === "kms" && parsed.resource.startsWith("alias/"))
    fail(
      field,
      `kmsKeyArn "${text}" is an alias ARN: IAM grants on an alias ARN apply to the alias, not to the key it points to, so every GetSecretValue would be denied. Give the key ARN (arn:aws:kms:<region>:<account>:key/<key id>; aws kms describe-key --key-id ${parsed.resource} shows it)`,
    );
  if (
    parsed?.service !== "kms" ||
    !/^key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(
      parsed.resource,
    )
  )
    fail(
      field,
      `kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), got "${text}"`,
    );
  if (parsed.region !== secretRegion)
    fail(
      field,
      `kmsKeyArn "${text}" is in ${parsed.region}; a secret's key is in the secret's region ${secretRegion}`,
    );
  return text;
}
