import type { CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { runDecodeCommand } from "./decode-command.js";
import { runDiagnoseCommand } from "./diagnose-command.js";
import { exitCodeForError } from "./exit-code-for-error.js";
import { runFingerprintCommand } from "./fingerprint-command.js";
import { type HelpTopic, helpText } from "./help-text.js";
import { packageVersion } from "./package-version.js";
import { closest } from "./parse-usage.js";
import { runReportCommand } from "./report-command.js";
import { runVerifyCommand } from "./verify-command.js";

type Handler = (argv: readonly string[], io: CliIo, deps: CliDeps) => Promise<number>;

const commands: Readonly<Record<string, Handler>> = {
  decode: (argv, io, deps) => runDecodeCommand(argv, io, deps.now()),
  fingerprint: runFingerprintCommand,
  diagnose: runDiagnoseCommand,
  verify: runVerifyCommand,
  report: runReportCommand,
};

/**
 * Routes `argv` (without node and script) to a command and turns every failure into the exit-code
 * contract: 0 ok, 1 findings, 2 usage/configuration, 3 AWS. Never throws.
 */
export async function dispatchCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    writeLine(io.stdout, packageVersion());
    return ExitCode.Ok;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(helpText.main);
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const handler = commands[name];
  if (handler === undefined) {
    const suggestion = closest(name, Object.keys(commands));
    writeLine(
      io.stderr,
      `Unknown command "${name}".${suggestion === undefined ? "" : ` Did you mean ${suggestion}?`} Commands: ${Object.keys(commands).join(", ")}. See: rollout-verifier --help`,
    );
    return ExitCode.Usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(helpText[name as HelpTopic]);
    return ExitCode.Ok;
  }
  try {
    return await handler(rest, io, deps);
  } catch (error) {
    const { code, message } = exitCodeForError(error, name);
    writeLine(io.stderr, message);
    return code;
  }
}
