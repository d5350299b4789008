import { writeLine } from "./cli-io.js";

/**
 * The exit code after the reader closed our output early (`| head`): 128 + SIGPIPE, what a shell
 * reports for any Unix tool that stopped because nobody reads its output any more.
 */
export const closedPipeExitCode = 141;

/** A stream that reports write failures as `error` events (process.stdout, process.stderr). */
export interface ErrorEmitter {
  on(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * Makes a closed stdout or stderr (EPIPE: `verify --json | head -c 10`) a normal, quiet end with
 * exit 141 instead of an unhandled `Error: write EPIPE` stack trace: whoever reads the output has
 * what they wanted. Any other write failure ends the process with 1 and one line on stderr.
 */
export function endOnClosedPipe(
  streams: {
    readonly stdout: ErrorEmitter;
    readonly stderr: ErrorEmitter & { write(text: string): unknown };
  },
  exit: (code: number) => void,
): void {
  const onError = (error: Error): void => {
    if ((error as NodeJS.ErrnoException).code === "EPIPE") {
      exit(closedPipeExitCode);
      return;
    }
    try {
      writeLine(streams.stderr, `rollout-verifier: cannot write output: ${error.message}`);
    } finally {
      exit(1);
    }
  };
  streams.stdout.on("error", onError);
  streams.stderr.on("error", onError);
}
