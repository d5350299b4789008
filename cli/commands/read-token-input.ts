import type { CliIo } from "./cli-io.js";
import { TokenInputError } from "./usage-error.js";

/**
 * The token from the argument, or from stdin when the argument is omitted or `-`: piping keeps it
 * out of shell history. An interactive stdin with nothing piped is refused rather than waited on.
 */
export async function readTokenInput(argument: string | undefined, io: CliIo): Promise<string> {
  if (argument !== undefined && argument !== "-") return nonEmpty(argument);
  if (io.stdin === undefined || io.stdin.isTTY === true) {
    throw new TokenInputError(
      "No token given: pipe it on stdin (e.g. `pbpaste | rollout-verifier decode`) or pass it as an argument.",
    );
  }
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  }
  return nonEmpty(text);
}

function nonEmpty(token: string): string {
  if (token.trim() === "")
    throw new TokenInputError("The token is empty: nothing was read from the argument or stdin.");
  return token;
}
