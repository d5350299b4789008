import { parseValueFrom, type ValueFromRef } from "../consumers/parse-value-from.js";
import { isWatched } from "../intake/watched-secrets.js";
import type { TaskDefinitionSnapshot } from "../snapshots.js";

/**
 * The watched Secrets Manager secrets a task definition reads (`secrets`, log options, registry
 * credentials), each once, as the ARN its `valueFrom` names. Parameter Store names and `valueFrom`s
 * ECS would reject are not secrets the gate can verify; they are left out.
 */
export function watchedSecretsOf(
  definition: TaskDefinitionSnapshot,
  watched: readonly string[] | undefined,
): string[] {
  const arns = new Set<string>();
  for (const reference of definition.secretReferences) {
    const ref = tryParse(reference.valueFrom);
    if (ref?.kind === "secretsmanager" && isWatched(ref.arn, watched)) arns.add(ref.arn);
  }
  return [...arns];
}

function tryParse(valueFrom: string): ValueFromRef | null {
  try {
    return parseValueFrom(valueFrom);
  } catch {
    return null;
  }
}
