import { UsageError } from "./usage-error.js";

/**
 * Runs a `node:util` parseArgs call and turns its TypeError (unknown option, missing value) into a
 * UsageError that names the command, so the operator is pointed at the right `--help`.
 */
export function parseUsage<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TypeError) {
      throw new UsageError(command, `${error.message}. See: rollout-verifier ${command} --help`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Rejects a missing required option with the example the help text gives. */
export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(command, `--${name} is required. See: rollout-verifier ${command} --help`);
  }
  return value;
}
