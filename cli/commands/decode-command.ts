import { parseArgs } from "node:util";
import { renderDecoded } from "../render/render-decoded.js";
import { createStyle } from "../render/style.js";
import { decodeToken } from "../token/decode-token.js";
import { redactToken, undecodableInput } from "../token/redact-token.js";
import { warnToken } from "../token/token-warnings.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { jsonOutput, outputOptions, parseUsage } from "./parse-usage.js";
import { readTokenInput } from "./read-token-input.js";

/**
 * `decode [TOKEN] [--json]`: header, claims and warnings without verifying. Exit 0 when the token
 * shows nothing wrong on its face, 1 with warnings, 2 when it is not a JWT at all.
 */
export async function runDecodeCommand(argv: readonly string[], io: CliIo, now: Date): Promise<ExitCode> {
  const { values, positionals } = parseUsage(
    "decode",
    () =>
      parseArgs({
        args: [...argv],
        options: { ...outputOptions },
        allowPositionals: true,
        strict: true,
      }),
    ["json", "output"],
  );
  const raw = await readTokenInput(positionals[0], io);
  const decoded = decodeToken(raw);
  if (!decoded.ok) {
    writeLine(io.stderr, undecodableInput(raw, decoded.message));
    return ExitCode.Usage;
  }
  const warnings = warnToken(decoded.token, now);
  if (jsonOutput("decode", values)) {
    const output = {
      token: redactToken(decoded.token.compact),
      header: decoded.token.header,
      claims: decoded.token.claims,
      warnings,
    };
    writeLine(io.stdout, JSON.stringify(output, null, 2));
  } else {
    io.stdout.write(renderDecoded(decoded.token, warnings, now, createStyle(io.stdout, io.env)));
  }
  return warnings.some((warning) => warning.severity !== "info") ? ExitCode.Findings : ExitCode.Ok;
}
