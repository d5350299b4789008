import { randomBytes, randomInt } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const MIN_LENGTH = 32;

function randomFrom(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}

/**
 * A fresh random value shaped like `old` (hex stays hex, base64 stays base64 of the same byte
 * length, anything else becomes alphanumeric), never shorter than 32 characters, so that a
 * consumer that parses the old format parses the new one.
 */
export function regenerateRandomString(old: string): string {
  const length = Math.max(old.length, MIN_LENGTH);
  if (/^[0-9a-f]+$/.test(old))
    return randomBytes(Math.ceil(length / 2))
      .toString("hex")
      .slice(0, length);
  if (/^[0-9A-F]+$/.test(old))
    return randomBytes(Math.ceil(length / 2))
      .toString("hex")
      .slice(0, length)
      .toUpperCase();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(old) && old.length % 4 === 0 && /[+/=]/.test(old)) {
    return randomBytes(Math.max(Buffer.from(old, "base64").length, 24)).toString("base64");
  }
  if (/^[A-Za-z0-9_-]+$/.test(old) && /[_-]/.test(old)) {
    return randomBytes(Math.ceil((length * 3) / 4))
      .toString("base64url")
      .slice(0, length);
  }
  return randomFrom(ALPHANUMERIC, length);
}

/** New binary key material of the same byte length (base64, as SecretBinary travels). */
export function regenerateRandomBinary(oldBase64: string): string {
  return randomBytes(Math.max(Buffer.from(oldBase64, "base64").length, MIN_LENGTH)).toString("base64");
}
