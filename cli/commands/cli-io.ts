/**
 * The CLI's whole contact with the process: streams and environment are passed in, so every
 * command runs in-process under test exactly as it runs from a shell.
 */

/** A writable text sink (process.stdout or a test buffer). `isTTY` decides colour and tables. */
export interface CliWriter {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** What a command may touch: output streams, stdin (for tokens kept out of shell history) and env. */
export interface CliIo {
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  /** An async iterable of chunks (process.stdin), or undefined when there is no stdin. */
  readonly stdin?: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes are part of the CLI contract: scripts and runbooks branch on them. */
export const ExitCode = {
  /** Everything current (or the command just printed what was asked). */
  Ok: 0,
  /** Stale, blocked or failed services, a security finding, or a token that does not verify. */
  Findings: 1,
  /** Bad arguments or unusable configuration (no region, credentials or profile): nothing was changed. */
  Usage: 2,
  /** An AWS call failed: the message names the call and the resource. */
  Aws: 3,
  /**
   * `verify` found no ECS service or task that reads the secret in the searched clusters: never
   * success, since a typo in `--secret-id`, `--cluster` or `--service` looks exactly like this.
   */
  NoConsumers: 4,
  /**
   * `verify --wait` ran out of `--timeout` while a deployment was still rolling: waiting longer may
   * be enough (as opposed to 1, where what is left needs an operator).
   */
  StillMoving: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Writes one line to a sink. */
export function writeLine(writer: CliWriter, line = ""): void {
  writer.write(`${line}\n`);
}
