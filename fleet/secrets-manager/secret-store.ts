/**
 * The fleet's Secrets Manager state: secrets by name, each with its versions in creation order.
 * Records are mutable only through the operations and the label rules; other parts of the fleet
 * (scenario loading, the demo) read them through `SecretStore`.
 */

/** A Secrets Manager tag: `{Key, Value}` with capitals, unlike ECS tags. */
export interface SecretTag {
  readonly Key: string;
  readonly Value: string;
}

/** Rotation schedule as the caller gave it (`RotationRulesType`). */
export interface RotationRules {
  readonly AutomaticallyAfterDays?: number;
  readonly Duration?: string;
  readonly ScheduleExpression?: string;
}

/** One version of a secret. `stages` is empty for a deprecated (unlabelled) version. */
export interface SecretVersion {
  readonly versionId: string;
  readonly secretString?: string;
  /** Base64, exactly as it travels on the wire. */
  readonly secretBinary?: string;
  readonly createdDate: Date;
  stages: string[];
  lastAccessedDate?: Date;
}

/** One secret; optional members are left out of responses when unset, as the real service does. */
export interface SecretRecord {
  readonly arn: string;
  readonly name: string;
  readonly createdDate: Date;
  description?: string;
  kmsKeyId?: string;
  lastChangedDate: Date;
  lastAccessedDate?: Date;
  lastRotatedDate?: Date;
  nextRotationDate?: Date;
  rotationEnabled?: boolean;
  rotationLambdaArn?: string;
  rotationRules?: RotationRules;
  tags: SecretTag[];
  /** Insertion order is creation order. */
  readonly versions: Map<string, SecretVersion>;
}

/** Secrets keyed by name (unique per account and region) and by full ARN. */
export class SecretStore {
  readonly #byName = new Map<string, SecretRecord>();
  readonly #byArn = new Map<string, SecretRecord>();

  /** Adds a new secret; the caller has checked the name is free. */
  add(record: SecretRecord): void {
    this.#byName.set(record.name, record);
    this.#byArn.set(record.arn, record);
  }

  /** The secret with exactly this name. */
  getByName(name: string): SecretRecord | undefined {
    return this.#byName.get(name);
  }

  /** The secret with exactly this full ARN (including the random suffix). */
  getByArn(arn: string): SecretRecord | undefined {
    return this.#byArn.get(arn);
  }

  /** Every secret, in creation order. */
  list(): readonly SecretRecord[] {
    return [...this.#byName.values()];
  }
}
