/**
 * The probe's part of the report contract: how each request ended, which secret it signed with, the
 * AWSPREVIOUS control token and the security findings of the negative probes.
 */

/** How a probe request ended. */
export const ProbeStatus = {
  Accepted: "accepted",
  Rejected: "rejected",
  /**
   * Rejected the AWSCURRENT token and the control token signed with AWSPREVIOUS alike: the probe's
   * claims, path or the app's configuration are wrong for it, so it proves nothing about the key.
   */
  Inconclusive: "inconclusive",
  /** Answered with a status that is neither accepted nor a 401/403 rejection. */
  Unexpected: "unexpected",
  Timeout: "timeout",
  Refused: "refused",
  Error: "error",
  /** Not probed: no probe configured, no address, or the task is not RUNNING. */
  Skipped: "skipped",
} as const;
export type ProbeStatus = (typeof ProbeStatus)[keyof typeof ProbeStatus];

export interface ProbeReport {
  /** How the AWSCURRENT token fared (`inconclusive` when the control token was rejected too). */
  readonly status: ProbeStatus;
  /** The URL probed: the task's own address, never a load balancer. */
  readonly url?: string;
  readonly httpStatus?: number;
  readonly latencyMs?: number;
  /** A short reason, never a token or key. */
  readonly detail?: string;
  /**
   * The app's own words for a rejection (`WWW-Authenticate` `error_description`, or a short JSON
   * `error`/`message`), at most 200 characters, never anything token-like: "jwt audience invalid".
   */
  readonly appReason?: string;
  /**
   * The secret the probe signed with: the environment variable of the probed container (the one that
   * owns the probe port) that it verifies JWTs with, and its json-key. Absent when nothing was signed.
   */
  readonly secret?: ProbeSecretChoice;
  /** The control token signed with AWSPREVIOUS, when AWSPREVIOUS exists and differs from AWSCURRENT. */
  readonly control?: ControlProbeReport;
  /**
   * True when the task accepted the AWSPREVIOUS control token. Read it with `status`: with
   * `accepted`, it accepts both keys, a dual-key grace period (it verifies new tokens; which key is
   * its primary the probe cannot tell); with `rejected`, it accepts only the previous key, which is
   * what proves it `stale`, not a grace period. Meaningless when `acceptedForged` is set.
   */
  readonly acceptsPrevious?: boolean;
  /**
   * The forged tokens this task accepted (`alg: none`, a wrong key), each a critical security
   * finding. When set, its AWSCURRENT and control answers prove nothing about its key: it accepts
   * anything, and its verdict rests on timestamps alone (evidence `accepts-any-token`).
   */
  readonly acceptedForged?: readonly SecurityFindingKind[];
}

/** Which of the probed container's secrets the probe signed with, and why that one. */
export interface ProbeSecretChoice {
  /** The environment variable (`secrets[].name`) of the probed container. */
  readonly variable: string;
  readonly container: string;
  readonly jsonKey?: string;
  /** `tag` (rollout-verifier:probe-secret), `only` (its one secret) or `name` (the one named like a JWT key). */
  readonly chosenBy: "tag" | "only" | "name";
}

/** The outcome of the control token: signed with AWSPREVIOUS, it tells a stale task from a wrong probe. */
export interface ControlProbeReport {
  readonly status: ProbeStatus;
  readonly httpStatus?: number;
  readonly appReason?: string;
}

export const SecurityFindingKind = {
  AcceptsAlgNone: "accepts-alg-none",
  AcceptsWrongKey: "accepts-wrong-key",
} as const;
export type SecurityFindingKind = (typeof SecurityFindingKind)[keyof typeof SecurityFindingKind];

export interface SecurityFinding {
  readonly severity: "critical";
  readonly kind: SecurityFindingKind;
  readonly cluster: string;
  readonly service: string;
  readonly taskArn: string;
  readonly url: string;
}
