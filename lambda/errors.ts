/**
 * Typed errors: thrown only for broken preconditions and failed AWS calls. Expected outcomes (a
 * stale task, a rejected probe) are values in the report. Every error has a stable `code` to
 * `switch` on, a literal `name` (minification-proof), the failing resource in its message, and
 * `cause`. No message ever contains a secret value or a token.
 */

export const ErrorCode = {
  config: "CONFIG_INVALID",
  eventMalformed: "EVENT_MALFORMED",
  awsCall: "AWS_CALL_FAILED",
  secretNotFound: "SECRET_NOT_FOUND",
  secretNoCurrent: "SECRET_NO_AWSCURRENT",
  keyMaterial: "KEY_MATERIAL_UNUSABLE",
  valueFrom: "VALUE_FROM_INVALID",
  gateTimeLimit: "GATE_TIME_LIMIT",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error the verifier throws on purpose. */
export abstract class VerifierError extends Error {
  abstract readonly code: ErrorCode;
}

/** Configuration is unusable: raised at cold start so a bad deploy fails loudly, once. */
export class ConfigError extends VerifierError {
  override readonly name = "ConfigError";
  readonly code = ErrorCode.config;
}

/** A known event kind arrived with a shape we cannot act on. Nothing was acted on. */
export class EventMalformedError extends VerifierError {
  override readonly name = "EventMalformedError";
  readonly code = ErrorCode.eventMalformed;
}

/** An AWS call failed after the SDK's own retries. */
export class AwsCallError extends VerifierError {
  override readonly name = "AwsCallError";
  readonly code = ErrorCode.awsCall;
  readonly operation: string;
  readonly resource: string;
  /** The AWS error name, e.g. `ThrottlingException`, `AccessDeniedException`. */
  readonly awsErrorName: string;

  constructor(operation: string, resource: string, cause: unknown) {
    const awsErrorName = cause instanceof Error ? cause.name : "UnknownError";
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${operation} on ${resource} failed: ${awsErrorName}: ${detail}`, { cause });
    this.operation = operation;
    this.resource = resource;
    this.awsErrorName = awsErrorName;
  }
}

/** The secret does not exist (or is not visible to the caller). */
export class SecretNotFoundError extends VerifierError {
  override readonly name = "SecretNotFoundError";
  readonly code = ErrorCode.secretNotFound;
}

/** The secret has no version labelled AWSCURRENT: there is nothing to verify against. */
export class SecretNoCurrentError extends VerifierError {
  override readonly name = "SecretNoCurrentError";
  readonly code = ErrorCode.secretNoCurrent;
}

/** The key material cannot sign a probe token (not a string, unknown key format, public key only...). */
export class KeyMaterialError extends VerifierError {
  override readonly name = "KeyMaterialError";
  readonly code = ErrorCode.keyMaterial;
}

/** A task definition's `valueFrom` is not a form ECS accepts. */
export class ValueFromError extends VerifierError {
  override readonly name = "ValueFromError";
  readonly code = ErrorCode.valueFrom;
}

/** The deployment gate ran out of its time limit before it could decide: its failure policy answers. */
export class GateTimeLimitError extends VerifierError {
  override readonly name = "GateTimeLimitError";
  readonly code = ErrorCode.gateTimeLimit;
}

/** What any thrown value says about itself: the one reading of an error for logs, gaps and the gate. */
export interface ErrorDescription {
  /** The class name; null when something other than an Error was thrown. */
  readonly name: string | null;
  /** Its string `code` (the verifier's own, or Node's and the SDK's); null when it has none. */
  readonly code: string | null;
  readonly message: string;
}

/** Describes a thrown value without assuming it is an Error. Messages never carry secret values. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof Error)) return { name: null, code: null, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, code: typeof code === "string" ? code : null, message: error.message };
}
