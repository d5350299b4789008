import { invokeDryRun, startBenchLambda, type VerificationRun } from "./bench-lambda.js";
import type { RunningScaleFleet } from "./fleet-scale.js";

/** One execution environment's two runs: a fresh one, then the same run warm. */
export interface VerificationVariant {
  /** `null`: V8's defaults for this machine; a number: heap capped as Lambda caps it at that memory size. */
  readonly memoryMB: number | null;
  /** First invocation of a fresh execution environment (init excluded, as in Lambda's Duration). */
  readonly first: VerificationRun;
  readonly warm: VerificationRun;
  /** Peak RSS of the execution environment over both runs: Lambda's "Max Memory Used". */
  readonly maxMemoryMB: number;
}

/** A dry-run verification of the whole fleet after a rotation: what sizes the function's memory and timeout. */
export interface VerificationResult {
  readonly tasks: number;
  /** The verifier's default `VERIFIER_PROBE_CONCURRENCY` (unset in these runs). */
  readonly probeConcurrency: number;
  readonly variants: readonly VerificationVariant[];
}

const defaultProbeConcurrency = 16;

/**
 * Rotates the secret (every task now holds the old key: the worst case, all probed, all rejected),
 * then, per memory setting, invokes the bundled handler twice with `{ secretId, dryRun: true }`:
 * no redeploy happens, so the fleet stays as it is for the next benchmark.
 */
export async function benchVerificationAtScale(
  running: RunningScaleFleet,
  logDir: string,
  tasks: number,
  memorySettings: readonly (number | null)[],
): Promise<VerificationResult> {
  await rotateSecret(running);
  const variants: VerificationVariant[] = [];
  for (const memoryMB of memorySettings) {
    const target = startBenchLambda(running.fleet, logDir, `verification-${memoryMB ?? "unbounded"}`, {
      ...(memoryMB === null ? {} : { memoryMB }),
    });
    try {
      const first = await invokeDryRun(target, running.secretName);
      const warm = await invokeDryRun(target, running.secretName);
      variants.push({ memoryMB, first, warm, maxMemoryMB: Math.max(first.maxMemoryMB, warm.maxMemoryMB) });
    } finally {
      await target.lambda.stop();
    }
  }
  return { tasks, probeConcurrency: defaultProbeConcurrency, variants };
}

/** A PutSecretValue through the fleet's own operation: AWSCURRENT moves, tasks keep the old key. */
async function rotateSecret(running: RunningScaleFleet): Promise<void> {
  const put = running.fleet.secrets.operations.PutSecretValue;
  if (!put) throw new Error("the fleet's Secrets Manager has no PutSecretValue operation");
  await put({ SecretId: running.secretName, SecretString: `${running.key}-rotated` });
}
