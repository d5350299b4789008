import { ValueFromError } from "../../errors.js";

/** A `valueFrom` that points at a Secrets Manager secret, split into the secret and its options. */
export interface SecretsManagerRef {
  readonly kind: "secretsmanager";
  /** The ARN as written: full (`name-AbCdEf`) or partial (`name` without the random suffix). */
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The resource segment after `secret:`: the name, with or without the suffix. */
  readonly secretName: string;
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
  /**
   * `parameter-store`: the Parameter Store reference `/aws/reference/secretsmanager/<name>` (as a
   * parameter name or ARN), which reads the secret's AWSCURRENT. The name form carries no partition,
   * region or account (the task's own apply); its `arn` is then the secret's name.
   */
  readonly via?: "parameter-store";
}

/** A `valueFrom` that points at SSM Parameter Store (an ARN, or a bare name in the task's region): not ours. */
export interface SsmRef {
  readonly kind: "ssm";
  readonly parameter: string;
}

/** What a task definition's `valueFrom` refers to. */
export type ValueFromRef = SecretsManagerRef | SsmRef;

const secretsManagerArn = /^arn:([^:]+):secretsmanager:([^:]*):([^:]*):secret:(.*)$/;
const parameterStoreReference =
  /^(?:arn:([^:]+):ssm:([^:]*):([^:]*):parameter)?\/aws\/reference\/secretsmanager\/([^:]+)$/;

/**
 * Parses `valueFrom` the way ECS does: `arn:<p>:secretsmanager:<r>:<a>:secret:<name>` optionally
 * followed by `:<json-key>:<version-stage>:<version-id>` (secret names cannot contain `:`, so
 * splitting on `:` is exact). Anything else is SSM. Throws ValueFromError for a Secrets Manager
 * reference ECS would reject (extra fields, or both a stage and a version id).
 */
export function parseValueFrom(valueFrom: string): ValueFromRef {
  const reference = parameterStoreReference.exec(valueFrom);
  if (reference) return parameterStoreRef(reference);
  const match = secretsManagerArn.exec(valueFrom);
  if (!match) return { kind: "ssm", parameter: valueFrom };
  const [, partition = "", region = "", account = "", rest = ""] = match;
  const [secretName = "", jsonKey, versionStage, versionId, ...extra] = rest.split(":");
  if (secretName === "" || extra.length > 0)
    throw new ValueFromError(
      `valueFrom "${valueFrom}" is not <secret-arn>[:json-key:version-stage:version-id]`,
    );
  if (versionStage && versionId)
    throw new ValueFromError(`valueFrom "${valueFrom}" sets both a version stage and a version id`);
  return {
    kind: "secretsmanager",
    arn: `arn:${partition}:secretsmanager:${region}:${account}:secret:${secretName}`,
    partition,
    region,
    account,
    secretName,
    ...(jsonKey ? { jsonKey } : {}),
    ...(versionStage ? { versionStage } : {}),
    ...(versionId ? { versionId } : {}),
  };
}

/**
 * `arn:<p>:ssm:<r>:<a>:parameter/aws/reference/secretsmanager/<name>` or its name form: Parameter
 * Store hands the container the secret's AWSCURRENT, exactly as a direct reference does.
 */
function parameterStoreRef(match: RegExpExecArray): SecretsManagerRef {
  const [, partition = "", region = "", account = "", secretName = ""] = match;
  const arn =
    partition === ""
      ? secretName
      : `arn:${partition}:secretsmanager:${region}:${account}:secret:${secretName}`;
  return { kind: "secretsmanager", arn, partition, region, account, secretName, via: "parameter-store" };
}

/** The watched secret's identity as DescribeSecret reports it. */
export interface SecretIdentity {
  readonly arn: string;
  readonly name: string;
}

/**
 * True when `ref` names `secret`: the full ARN, or a partial ARN (same partition, region, account
 * and exactly the secret's name), or a Parameter Store reference to its name (the name form is in the
 * task's own account and region). Comparing against the name DescribeSecret confirmed avoids
 * mistaking a name that itself ends in `-XXXXXX` for a suffixed one.
 */
export function matchesSecret(ref: ValueFromRef, secret: SecretIdentity): boolean {
  if (ref.kind !== "secretsmanager") return false;
  if (ref.arn === secret.arn) return true;
  if (ref.via === "parameter-store" && ref.partition === "") return ref.secretName === secret.name;
  const watched = secretsManagerArn.exec(secret.arn);
  if (!watched) return false;
  const [, partition, region, account] = watched;
  return (
    ref.partition === partition &&
    ref.region === region &&
    ref.account === account &&
    ref.secretName === secret.name
  );
}

/** Whether a reference follows AWSCURRENT, and if not, what it is pinned to. */
export type PinState =
  | {
      readonly pinned: false;
      /** Pinned by version id to the version that is AWSCURRENT now: read at start, so certainly current. */
      readonly toCurrentVersion?: true;
    }
  | { readonly pinned: true; readonly pin: string };

/**
 * A reference is pinned when it names a stage other than AWSCURRENT, or a version id other than
 * the current one: a redeploy re-reads the same pinned value, so it never converges that way.
 */
export function pinStateOf(
  ref: Pick<SecretsManagerRef, "versionStage" | "versionId">,
  currentVersionId: string,
): PinState {
  if (ref.versionId !== undefined && ref.versionId !== currentVersionId)
    return { pinned: true, pin: `version id ${ref.versionId}` };
  if (ref.versionStage !== undefined && ref.versionStage !== "AWSCURRENT")
    return { pinned: true, pin: `version stage ${ref.versionStage}` };
  return ref.versionId === currentVersionId ? { pinned: false, toCurrentVersion: true } : { pinned: false };
}
