import type { DecodedToken } from "../token/decode-token.js";
import { redactToken } from "../token/redact-token.js";
import type { TokenWarning } from "../token/token-warnings.js";
import type { Style } from "./style.js";

/**
 * Header, claims and warnings of a token, for a human. The token itself appears only redacted;
 * time claims are shown with their ISO time and distance from `now`.
 */
export function renderDecoded(
  token: DecodedToken,
  warnings: readonly TokenWarning[],
  now: Date,
  style: Style,
): string {
  const lines = [`${style.bold("Token")}   ${redactToken(token.compact)}`, style.bold("Header")];
  lines.push(...fields(token.header, now));
  lines.push(style.bold("Claims"));
  lines.push(...(token.claims === null ? ["  (payload is not a JSON object)"] : fields(token.claims, now)));
  lines.push(...renderWarnings(warnings, style));
  return `${lines.join("\n")}\n`;
}

/** Warnings as one marked line each, critical first; empty when there are none. */
export function renderWarnings(warnings: readonly TokenWarning[], style: Style): string[] {
  if (warnings.length === 0) return [];
  const order = { critical: 0, warning: 1, info: 2 } as const;
  const sorted = [...warnings].sort((a, b) => order[a.severity] - order[b.severity]);
  const mark = {
    critical: style.red("CRITICAL"),
    warning: style.yellow("warning "),
    info: style.dim("note    "),
  } as const;
  return [
    style.bold("Warnings"),
    ...sorted.map((warning) => `  ${mark[warning.severity]}  ${warning.message}`),
  ];
}

function fields(object: Readonly<Record<string, unknown>>, now: Date): string[] {
  const width = Math.max(0, ...Object.keys(object).map((name) => name.length));
  return Object.entries(object).map(
    ([name, value]) => `  ${name.padEnd(width)}  ${formatValue(name, value, now)}`,
  );
}

function formatValue(name: string, value: unknown, now: Date): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (!["exp", "nbf", "iat"].includes(name) || typeof value !== "number") return text;
  const delta = value - Math.floor(now.getTime() / 1000);
  const relative = delta >= 0 ? `in ${delta} s` : `${-delta} s ago`;
  return `${text} (${new Date(value * 1000).toISOString()}, ${relative})`;
}
