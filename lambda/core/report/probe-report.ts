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
  /**
   * The issuer probes of a task that signs tokens (service tags `rollout-verifier:jwks-path`,
   * `rollout-verifier:issue-path`): which key its published key set or an issued token belongs to.
   * Absent when the service declares neither.
   */
  readonly issuer?: readonly IssuerProbeReport[];
}

/** Which of the secret's versions a key an issuer publishes or signs with belongs to. */
export const IssuerKeyMatch = {
  /** AWSCURRENT's key: it publishes it, or an issued token verifies with it. */
  Current: "current",
  /** Only AWSPREVIOUS's key: the issuer still signs with (or publishes only) the previous key. */
  Previous: "previous",
  /** Neither version's key: another key entirely (a finding for a token), or key ids only. */
  Neither: "neither",
  /** No answer that could be judged: timeout, refused, an error status, a body that is not a key set or a token. */
  Failed: "failed",
  /** Not asked: the task is not RUNNING, has no address, or the key material cannot say. */
  Skipped: "skipped",
} as const;
export type IssuerKeyMatch = (typeof IssuerKeyMatch)[keyof typeof IssuerKeyMatch];

/**
 * One issuer probe of one task. Never carries a token or a key: only `kid`s, `alg`s and key
 * fingerprints (`sha256:` + 16 hex digits of the RFC 7638 thumbprint for public keys).
 */
export interface IssuerProbeReport {
  /**
   * `jwks`: the task's published key set; `token`: a token it issued to the test principal; `log`:
   * the key fingerprint its container logged at start (tag `rollout-verifier:fingerprint-log`).
   */
  readonly kind: "jwks" | "token" | "log";
  readonly match: IssuerKeyMatch;
  /** The task's own address and the tagged path. */
  readonly url?: string;
  readonly httpStatus?: number;
  readonly latencyMs?: number;
  /** The key ids seen: every `kid` of the key set, or the issued token's header `kid`. */
  readonly kids?: readonly string[];
  /** The issued token's header `alg`. */
  readonly alg?: string;
  /** `log`: the log group and stream read (`group stream`). */
  readonly logStream?: string;
  /** `log`: the fingerprint the task logged (`sha256:` + 16 hex digits), never key material. */
  readonly fingerprint?: string;
  /** One sentence, never a token or key. */
  readonly detail: string;
}

/** Which of the probed container's secrets the probe signed with, and why that one. */
export interface ProbeSecretChoice {
  /** The environment variable (`secrets[].name`) of the probed container. */
  readonly variable: string;
  readonly container: string;
  readonly jsonKey?: string;
  /**
   * `tag` (rollout-verifier:probe-secret), `only` (its one secret), `name` (the one named like a JWT
   * key), or `runtime-fetch`: the service's `rollout-verifier:secret` tag says its app reads the
   * secret at run time (`variable` is then that tag's name).
   */
  readonly chosenBy: "tag" | "only" | "name" | "runtime-fetch";
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
  /**
   * An issuer task signed its test principal's token with a key that is neither AWSCURRENT nor
   * AWSPREVIOUS: every verifier of the secret rejects what it issues (or it holds a key it should not).
   */
  SignsWithUnknownKey: "signs-with-unknown-key",
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
