import type { CliIo } from "../../../cli/commands/cli-io.js";

/** A CliIo over strings: what a test feeds in and reads back. stdin is "piped" unless `stdin` is omitted. */
export function bufferIo(options: { stdin?: string; env?: Record<string, string> } = {}) {
  let out = "";
  let err = "";
  const stdin =
    options.stdin === undefined
      ? { isTTY: true, async *[Symbol.asyncIterator]() {} }
      : {
          isTTY: false,
          async *[Symbol.asyncIterator]() {
            yield options.stdin as string;
          },
        };
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    stdin,
    env: options.env ?? {},
  };
  return { io, stdout: () => out, stderr: () => err };
}
