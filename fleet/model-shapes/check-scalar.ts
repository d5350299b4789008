import type { ModelShape } from "./load-service-model.js";

type ScalarShape = Exclude<ModelShape, { type: "structure" | "list" | "map" }>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const enumSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Checks one scalar against its shape as the JSON 1.1 wire carries it: timestamps are epoch
 * seconds (numbers), blobs base64 strings, integer/long whole numbers. Returns the problem or
 * undefined. Messages quote a value only for enum violations (enum shapes are never sensitive).
 */
export function checkScalar(shapeName: string, shape: ScalarShape, value: unknown): string | undefined {
  const expected = `${shape.type} (${shapeName})`;
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") return `expected ${expected}, got ${typeName(value)}`;
      return checkEnum(shapeName, shape.enum, value) ?? checkRange("length", value.length, shape);
    case "integer":
    case "long":
      if (typeof value !== "number" || !Number.isInteger(value))
        return `expected ${expected}, got ${typeName(value)}`;
      return checkRange("value", value, shape);
    case "double":
    case "float":
      if (typeof value !== "number" || !Number.isFinite(value))
        return `expected ${expected}, got ${typeName(value)}`;
      return checkRange("value", value, shape);
    case "boolean":
      return typeof value === "boolean" ? undefined : `expected ${expected}, got ${typeName(value)}`;
    case "timestamp":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `expected ${expected} as epoch seconds (a number), got ${typeName(value)}`;
    case "blob":
      return typeof value === "string" && BASE64.test(value)
        ? undefined
        : `expected ${expected} as a base64 string, got ${typeName(value)}`;
  }
}

function checkEnum(
  shapeName: string,
  values: readonly string[] | undefined,
  value: string,
): string | undefined {
  if (values === undefined) return undefined;
  let allowed = enumSets.get(values);
  if (allowed === undefined) {
    allowed = new Set(values);
    enumSets.set(values, allowed);
  }
  if (allowed.has(value)) return undefined;
  const shown = values.length > 12 ? `${values.slice(0, 12).join(", ")}, ...` : values.join(", ");
  return `"${value}" is not a ${shapeName} value (${shown})`;
}

/** Botocore `min`/`max`: a length for strings, lists and maps, a value for numbers. */
export function checkRange(
  what: "length" | "value" | "count",
  actual: number,
  bounds: { readonly min?: number; readonly max?: number },
): string | undefined {
  if (bounds.min !== undefined && actual < bounds.min)
    return `${what} ${actual} is below the minimum ${bounds.min}`;
  if (bounds.max !== undefined && actual > bounds.max)
    return `${what} ${actual} is above the maximum ${bounds.max}`;
  return undefined;
}

/** `array`, `null` or the `typeof` of a value: never the value itself, which may be a secret. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}
