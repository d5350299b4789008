import { invalidParameter } from "./secret-errors.js";

/**
 * Decoding JSON 1.1 inputs and encoding outputs. Inputs arrive untyped from the wire, so every
 * read checks the type and names the member; outputs carry timestamps as epoch seconds with
 * millisecond precision, as the real service sends them.
 */

/** A Date as the awsJson1_1 timestamp: epoch seconds, milliseconds kept. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** Midnight UTC of `date`: Secrets Manager reports `LastAccessedDate` with day precision. */
export function toDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A required non-empty string member, or InvalidParameterException naming it. */
export function readString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== "string" || value.length === 0) {
    throw invalidParameter(`Invalid or missing parameter ${member}: a non-empty string is required.`);
  }
  return value;
}

/** An optional string member; absent, null and empty are all "not given". */
export function readOptionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalidParameter(`Invalid parameter ${member}: a string is required.`);
  return value;
}

/** An optional boolean member. */
export function readOptionalBoolean(input: Record<string, unknown>, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw invalidParameter(`Invalid parameter ${member}: a boolean is required.`);
  return value;
}

/** An optional integer member within `[min, max]`. */
export function readOptionalInteger(
  input: Record<string, unknown>,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Invalid parameter ${member}: an integer between ${min} and ${max} is required.`);
  }
  return value;
}

/** An optional list of strings. */
export function readOptionalStringList(
  input: Record<string, unknown>,
  member: string,
): readonly string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalidParameter(`Invalid parameter ${member}: a list of strings is required.`);
  }
  return value;
}

/** An optional list of objects (tags, filters). */
export function readOptionalObjectList(
  input: Record<string, unknown>,
  member: string,
): readonly Record<string, unknown>[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "object" && item !== null)) {
    throw invalidParameter(`Invalid parameter ${member}: a list of structures is required.`);
  }
  return value as Record<string, unknown>[];
}

/** `ClientRequestToken` as the model bounds it (32-64 characters), when given. */
export function readClientRequestToken(input: Record<string, unknown>): string | undefined {
  const token = readOptionalString(input, "ClientRequestToken");
  if (token !== undefined && (token.length < 32 || token.length > 64)) {
    throw invalidParameter("ClientRequestToken must be 32-64 characters long.");
  }
  return token;
}
