import { VerifierError } from "../../lambda/errors.js";
import { ExitCode } from "./cli-io.js";
import { TokenInputError, UsageError } from "./usage-error.js";

const awsCodes = new Set(["AWS_CALL_FAILED", "SECRET_NOT_FOUND", "SECRET_NO_AWSCURRENT"]);

/**
 * Maps a thrown error to the CLI's exit-code contract and a message that says what was tried and
 * what to do next. Usage and configuration problems are 2; anything that went wrong talking to AWS
 * (including credentials) is 3. Messages come from typed errors, which never carry key material.
 */
export function exitCodeForError(error: unknown, command: string): { code: ExitCode; message: string } {
  if (error instanceof UsageError || error instanceof TokenInputError)
    return { code: ExitCode.Usage, message: error.message };
  if (error instanceof VerifierError) {
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
