import { VerifierError } from "../../lambda/errors.js";
import { ExitCode } from "./cli-io.js";
import { AwsConfigError, StageNotFoundError, TokenInputError, UsageError } from "./usage-error.js";

const awsCodes = new Set(["AWS_CALL_FAILED", "SECRET_NO_AWSCURRENT"]);

/**
 * Maps a thrown error to the CLI's exit-code contract and a message that says what was tried and
 * what to do next. Usage and configuration problems (including a missing region, credentials or
 * profile) are 2; a call that AWS answered with an error is 3. Messages come from typed errors, which never carry key material.
 */
export function exitCodeForError(error: unknown, command: string): { code: ExitCode; message: string } {
  if (
    error instanceof UsageError ||
    error instanceof TokenInputError ||
    error instanceof AwsConfigError ||
    error instanceof StageNotFoundError
  )
    return { code: ExitCode.Usage, message: error.message };
  const configuration = sdkConfigurationProblem(error);
  if (configuration !== null) return { code: ExitCode.Usage, message: configuration };
  if (error instanceof VerifierError) {
    if (error.code === "SECRET_NOT_FOUND")
      return { code: ExitCode.Aws, message: `${error.message}\n${notFoundHint}` };
    if (awsCodes.has(error.code)) return { code: ExitCode.Aws, message: `${error.message}\n${awsHint}` };
    return {
      code: ExitCode.Usage,
      message: `${error.message}\nCheck the options and the secret's format: rollout-verifier ${command} --help`,
    };
  }
  const name = error instanceof Error ? error.name : "Error";
  const detail = error instanceof Error ? error.message : String(error);
  return { code: ExitCode.Aws, message: `${command} failed: ${name}: ${detail}\n${awsHint}` };
}

/** Generic on purpose: the failing call may concern the secret, a cluster, a service or a task. */
const awsHint =
  "Check credentials and region (--profile, --region, AWS_PROFILE, AWS_REGION; the SDK ignores AWS_DEFAULT_REGION),\n" +
  "that the resource named above exists there, and that the caller may read it.";

const notFoundHint =
  "Check the secret's name or ARN, and that --profile/--region (or AWS_PROFILE/AWS_REGION) select the account and region that hold it.";

/**
 * The SDK's own configuration failures, wherever they surface (wrapped in an AwsCallError's cause):
 * no region, no credentials. Returns the message to print, or null for any other error.
 */
function sdkConfigurationProblem(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message === "Region is missing")
      return "No AWS region: pass --region, set AWS_REGION, or set region in your profile (the SDK ignores AWS_DEFAULT_REGION).";
    if (current.name === "CredentialsProviderError")
      return `No usable AWS credentials: ${current.message.split("\n")[0]}. Pass --profile, set AWS_PROFILE, or log in (\`aws sso login\`).`;
    current = current.cause;
  }
  return null;
}
