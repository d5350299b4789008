/** Stable codes of the CLI's own errors (AWS failures keep the `lambda/errors.ts` codes). */
export const CliErrorCode = {
  usage: "CLI_USAGE",
  tokenInput: "CLI_TOKEN_INPUT",
  moduleMissing: "CLI_MODULE_MISSING",
  awsConfig: "CLI_AWS_CONFIG",
  stageNotFound: "CLI_STAGE_NOT_FOUND",
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/**
 * The command line cannot be acted on (unknown flag, missing `--secret-id`, conflicting options).
 * Maps to exit code 2; the message says what to type instead.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = CliErrorCode.usage;
  /** The command whose help the operator should read, e.g. `diagnose`. */
  readonly command: string;

  constructor(command: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.command = command;
  }
}

/** No token arrived (empty argument, empty stdin, or an interactive stdin with nothing piped). */
export class TokenInputError extends Error {
  override readonly name = "TokenInputError";
  readonly code = CliErrorCode.tokenInput;
}

/**
 * The AWS target cannot be used before any call is made: no region, no credentials, or a
 * `--profile` that no shared config file defines. A configuration error (exit 2), not an AWS failure.
 */
export class AwsConfigError extends Error {
  override readonly name = "AwsConfigError";
  readonly code = CliErrorCode.awsConfig;
}

/** The secret exists but no version carries the requested staging label (no rotation in progress for AWSPENDING). */
export class StageNotFoundError extends Error {
  override readonly name = "StageNotFoundError";
  readonly code = CliErrorCode.stageNotFound;
}
