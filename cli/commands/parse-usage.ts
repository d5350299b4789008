import { UsageError } from "./usage-error.js";

/** `--json` and `--output json|text` (the AWS CLI's spelling): every command accepts both. */
export const outputOptions = {
  json: { type: "boolean" },
  output: { type: "string", short: "o" },
} as const;

/** Whether `--json` or `--output json` asked for JSON; `--output text` is the default. */
export function jsonOutput(
  command: string,
  values: { readonly json?: boolean; readonly output?: string },
): boolean {
  const { output } = values;
  if (output === undefined || output === "text") return values.json === true;
  if (output === "json") return true;
  throw new UsageError(
    command,
    `--output takes json or text, got "${output}". See: rollout-verifier ${command} --help`,
  );
}

/**
 * Runs a `node:util` parseArgs call and turns its TypeError (unknown option, missing value) into a
 * UsageError with one clean sentence that names the option, suggests the closest known one
 * (`--secret` → `--secret-id`) when `known` lists the command's options, and points at the
 * command's `--help`.
 */
export function parseUsage<T>(command: string, parse: () => T, known: readonly string[] = []): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TypeError) {
      throw new UsageError(
        command,
        `${describeParseError(error, known)} See: rollout-verifier ${command} --help`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

function describeParseError(error: TypeError, known: readonly string[]): string {
  const code = (error as { code?: unknown }).code;
  const message = error.message;
  // parseArgs quotes the option as '--name', '--name <value>' or '-n, --name <value>'.
  const option = /'(?:-\w, )?(-{1,2}[^'\s=,]+)[^']*'/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined) {
    const suggestion = closest(option.replace(/^-+/, ""), known);
    return `Unknown option ${option}.${suggestion === undefined ? "" : ` Did you mean --${suggestion}?`}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== undefined) {
    if (/argument missing/.test(message)) return `${option} needs a value.`;
    if (/ambiguous/.test(message))
      return `${option} needs a value; for a value that starts with a dash, write ${option}=VALUE.`;
    return `${option} takes no value.`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const extra = /'([^']*)'/.exec(message)?.[1];
    return `Unexpected argument${extra === undefined ? "" : ` "${extra}"`}.`;
  }
  return `${message.replace(/[.\s]+$/, "")}.`;
}

/** The known option nearest to `name`: a prefix either way, or at most two edits away. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const prefixed = known.find((candidate) => candidate.startsWith(name) || name.startsWith(candidate));
  if (prefixed !== undefined && name.length >= 3) return prefixed;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** Rejects a missing required option with the example the help text gives. */
export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(command, `--${name} is required. See: rollout-verifier ${command} --help`);
  }
  return value;
}
