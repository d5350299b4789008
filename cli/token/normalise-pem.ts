const armor = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * Rebuilds a PEM whose line breaks were mangled on the way into Secrets Manager (literal `\n`,
 * CRLF, spaces instead of newlines, one long line): armor lines, body without whitespace, wrapped
 * at 64 columns. Returns null when there is no PEM armor. Never logged: the input is key material.
 */
export function normalisePem(text: string): string | null {
  const unescaped = text.replace(/\\r\\n|\\n|\\r/g, "\n");
  const match = armor.exec(unescaped);
  if (match === null) return null;
  const label = match[1] ?? "";
  const body = (match[2] ?? "").replace(/\s+/g, "");
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** True when `text` carries PEM armor anywhere (possibly mangled). */
export function looksLikePem(text: string): boolean {
  return text.includes("-----BEGIN ");
}
