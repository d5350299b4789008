import type { CliWriter } from "../commands/cli-io.js";

/** Text decorations; identity functions when colour is off. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
}

const plain = (text: string): string => text;
const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/**
 * Colour only for a terminal, and never when `NO_COLOR` is set (https://no-color.org): piped
 * output and CI logs stay plain text that grep and diff can read.
 */
export function createStyle(writer: CliWriter, env: Readonly<Record<string, string | undefined>>): Style {
  const colour = writer.isTTY === true && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
  if (!colour) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39) };
}
