/**
 * Shows that a token was seen without showing it: the first 10 characters (the start of the
 * base64url header, `eyJhbGciOi`, which is never secret) and the total length. A full token is a
 * bearer credential and must never reach a terminal log, a ticket or a chat.
 */
export function redactToken(token: string): string {
  const trimmed = token.trim();
  return `${trimmed.slice(0, 10)}…(redacted, ${trimmed.length} chars)`;
}
