/**
 * Shows that a token was seen without showing it: the first 10 characters (the start of the
 * base64url header, `eyJhbGciOi`, which is never secret) and the total length. A full token is a
 * bearer credential and must never reach a terminal log, a ticket or a chat.
 */
export function redactToken(token: string): string {
  const trimmed = token.trim();
  return `${trimmed.slice(0, 10)}…(redacted, ${trimmed.length} chars)`;
}

/**
 * The message for input that is not a JWT at all. It shows nothing of the input, not even its
 * start: a non-token pasted by mistake may well be a password or a key.
 */
export function undecodableInput(raw: string, reason: string): string {
  return `Cannot decode the input (${raw.trim().length} characters, not shown: it may be a secret pasted by mistake): ${reason}`;
}
