import { generateKeyPairSync } from "node:crypto";
import { generateKeyPair, SignJWT } from "jose";
import { importSigningKey } from "../lambda/core/probes/keys/signing-key.js";
import { signAlgNoneToken, signProbeToken, signWrongKeyToken } from "../lambda/core/probes/probe-token.js";
import { ratio, type Summary, summarize } from "./stats.js";

/** Cost of the three probe tokens per task (signed, `alg: none`, wrong key), per key type. */
export interface ProbeSigningResult {
  readonly tasks: number;
  readonly rounds: number;
  readonly variants: readonly {
    readonly keyType: string;
    /** What the verifier does: the wrong key generated once per run. */
    readonly perTaskUs: Summary;
    /** The same three tokens with a wrong key generated per task (the verifier before the fix). */
    readonly perTaskFreshWrongKeyUs: Summary;
    /** Fresh-key cost / current cost, medians of interleaved rounds. */
    readonly speedup: number;
  }[];
}

const keyTypes = {
  HS256: () => "bench-shared-secret-0123456789abcdef0123456789",
  ES256: () =>
    generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }),
  RS256: () =>
    generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }),
} as const;

/**
 * Signs the probe tokens of `tasks` tasks per key type, interleaving the current signer with a
 * baseline that generates the wrong key per task, `rounds` times; pure CPU, no network.
 */
export async function benchProbeSigning(tasks: number, rounds: number): Promise<ProbeSigningResult> {
  const now = new Date();
  const variants = [];
  for (const [keyType, material] of Object.entries(keyTypes)) {
    const key = await importSigningKey(String(material()));
    const current: number[] = [];
    const fresh: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      current.push(
        await perTaskMicros(tasks, async () => {
          await signProbeToken(key, {}, now);
          signAlgNoneToken({}, now);
          await signWrongKeyToken(key, {}, now);
        }),
      );
      fresh.push(
        await perTaskMicros(tasks, async () => {
          await signProbeToken(key, {}, now);
          signAlgNoneToken({}, now);
          const wrong = key.alg.startsWith("HS")
            ? crypto.getRandomValues(new Uint8Array(32))
            : (await generateKeyPair(key.alg)).privateKey;
          await new SignJWT({}).setProtectedHeader({ alg: key.alg }).sign(wrong);
        }),
      );
    }
    const perTaskUs = summarize(current);
    const perTaskFreshWrongKeyUs = summarize(fresh);
    variants.push({
      keyType,
      perTaskUs,
      perTaskFreshWrongKeyUs,
      speedup: ratio(perTaskFreshWrongKeyUs.median, perTaskUs.median),
    });
  }
  return { tasks, rounds, variants };
}

async function perTaskMicros(tasks: number, signOneTask: () => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let task = 0; task < tasks; task += 1) await signOneTask();
  return ((performance.now() - started) * 1000) / tasks;
}
