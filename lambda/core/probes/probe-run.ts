import type { ProbeKeyChoice } from "../consumers/choose-probe-secret.js";
import type { TaskAddress } from "../consumers/resolve-task-address.js";
import type { Clock, ProbePort } from "../ports.js";
import { type ProbeReport, ProbeStatus, type SecurityFinding } from "../report/report.js";
import type { TaskSnapshot } from "../snapshots.js";
import type { ProbeKeyPair } from "./import-probe-keys.js";
import type { LogStreamChoice } from "./log-fingerprint/log-fingerprint-settings.js";
import type { ProbeSettings } from "./probe-settings.js";
import type { ProbeClaims, ProbeSigner, SigningKeyLike } from "./probe-signer.js";
import type { SecurityPacing } from "./security-pacing.js";
import type { ProbeCall } from "./send-probe.js";
import type { ServiceTokens } from "./service-tokens.js";

/** One task to probe, with everything needed to decide whether and how. */
export interface ProbeTarget {
  readonly cluster: string;
  readonly service: string;
  readonly task: TaskSnapshot;
  readonly settings: ProbeSettings;
  readonly address: TaskAddress;
  /** Whether a probe can speak for the secret, and which variable and json-key to sign like. */
  readonly key: ProbeKeyChoice;
  /** Its own log stream, when its service tags `rollout-verifier:fingerprint-log`. */
  readonly logStream?: LogStreamChoice;
}

/** What probing needs: the port, the signer, the clock and the AWSCURRENT/AWSPREVIOUS material. */
export interface ProbeContext {
  readonly probe: ProbePort;
  readonly signer: ProbeSigner;
  readonly clock: Clock;
  /** Never logged: handed to the signer only. */
  readonly secretString: string;
  /** AWSPREVIOUS, for the control token; null when there is none. Never logged. */
  readonly previousSecretString: string | null;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly securityProbes: boolean;
  /**
   * Asked before a task's security probes, with the longest they may take: false when what is left
   * of the probing budget is shorter, so the task is skipped (and says so). @default always
   */
  readonly securityProbesAllowed?: (neededMs: number) => boolean;
  /** What is left of the probing budget, in ms. @default no budget (`Infinity`) */
  readonly probingTimeLeftMs?: () => number;
}

/** Probe outcomes by task ARN, and the critical findings of the negative probes. */
export interface ProbeResults {
  readonly byTask: ReadonlyMap<string, ProbeReport>;
  readonly findings: readonly SecurityFinding[];
}

/** What one probing run shares: the context, the run's tokens and its imported keys. */
export interface ProbeRun {
  readonly context: ProbeContext;
  readonly pacing: SecurityPacing;
  readonly tokens: ServiceTokens;
  readonly keysFor: (jsonKey: string | undefined) => Promise<ProbeKeyPair>;
}

/** A target whose positive probe got an answer: its security probes may follow. */
export interface AnsweredTarget {
  readonly target: ProbeTarget;
  readonly call: ProbeCall;
  readonly key: SigningKeyLike;
  readonly claims: ProbeClaims;
}

/** The longest a task's security probes may take: both requests at the full probe timeout. */
export function securityNeedMs(run: ProbeRun): number {
  return SECURITY_REQUESTS * run.context.timeoutMs;
}

/** Requests one task's security probes send: `alg: none`, then a wrong key. */
const SECURITY_REQUESTS = 2;

/** How the skip reason starts when no key could be read: a verdict then says "judged by timestamps only". */
export const PROBE_NO_SECRET_VALUE = "not probed: the secret's AWSCURRENT value could not be read";

/**
 * Every target skipped for one reason, with no finding: the run cannot sign a probe at all (the
 * secret's value could not be read), so every verdict rests on what ECS says.
 */
export function skipProbes(targets: readonly ProbeTarget[], detail: string): ProbeResults {
  return {
    byTask: new Map(targets.map((target) => [target.task.taskArn, { status: ProbeStatus.Skipped, detail }])),
    findings: [],
  };
}
