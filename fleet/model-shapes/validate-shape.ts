import { checkRange, checkScalar, typeName } from "./check-scalar.js";
import type { ModelShape, ServiceModel } from "./load-service-model.js";
import { UnknownOperationError, UnknownShapeError } from "./model-shape-errors.js";

// The issue names this module as the validator's entry point; the loader lives in its own file.
export { loadServiceModel } from "./load-service-model.js";

/**
 * Walks `value` against a shape of an official service model and lists every violation as
 * `<path>: <problem>`: unknown members, missing required members, nulls, wrong JSON 1.1 types,
 * enum values, min/max. An empty list means the AWS SDKs, the CLI and boto3 will accept it.
 * @throws UnknownShapeError when the model has no such shape (a caller bug, not a bad value).
 */
export function validateShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path = shapeName,
): string[] {
  const violations: string[] = [];
  visit(model, shapeName, value, path, violations);
  return violations;
}

/** Validates a response body against `operations[operation].output`; no output shape means `{}`. */
export function validateOperationOutput(model: ServiceModel, operation: string, value: unknown): string[] {
  return validateOperationSide(model, operation, "output", value);
}

/** Validates a request body against `operations[operation].input`; no input shape means `{}`. */
export function validateOperationInput(model: ServiceModel, operation: string, value: unknown): string[] {
  return validateOperationSide(model, operation, "input", value);
}

function validateOperationSide(
  model: ServiceModel,
  operation: string,
  side: "input" | "output",
  value: unknown,
): string[] {
  const definition = model.operations[operation];
  if (definition === undefined) throw new UnknownOperationError(model.metadata.serviceId, operation);
  const ref = definition[side];
  if (ref !== undefined) return validateShape(model, ref.shape, value);
  const empty = value === undefined || (isObject(value) && Object.keys(value).length === 0);
  return empty ? [] : [`${operation} ${side}: expected an empty object, got ${typeName(value)} with members`];
}

function visit(model: ServiceModel, shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  if (shape === undefined) throw new UnknownShapeError(model.metadata.serviceId, shapeName);
  if (value === null) {
    out.push(`${path}: is null (omit the member instead)`);
    return;
  }
  switch (shape.type) {
    case "structure":
      visitStructure(model, shapeName, shape, value, path, out);
      return;
    case "list":
      visitList(model, shapeName, shape, value, path, out);
      return;
    case "map":
      visitMap(model, shapeName, shape, value, path, out);
      return;
    default: {
      const problem = checkScalar(shapeName, shape, value);
      if (problem !== undefined) out.push(`${path}: ${problem}`);
    }
  }
}

type Shape<T extends ModelShape["type"]> = Extract<ModelShape, { type: T }>;

function visitStructure(
  model: ServiceModel,
  shapeName: string,
  shape: Shape<"structure">,
  value: unknown,
  path: string,
  out: string[],
): void {
  if (shape.document === true) return;
  if (!isObject(value)) {
    out.push(`${path}: expected structure (${shapeName}), got ${typeName(value)}`);
    return;
  }
  for (const required of shape.required ?? []) {
    if (value[required] === undefined) out.push(`${path}.${required}: required member missing`);
  }
  for (const [member, memberValue] of Object.entries(value)) {
    const ref = shape.members[member];
    if (ref === undefined) out.push(`${path}.${member}: unknown member of ${shapeName}`);
    else if (memberValue !== undefined) visit(model, ref.shape, memberValue, `${path}.${member}`, out);
  }
}

function visitList(
  model: ServiceModel,
  shapeName: string,
  shape: Shape<"list">,
  value: unknown,
  path: string,
  out: string[],
): void {
  if (!Array.isArray(value)) {
    out.push(`${path}: expected list (${shapeName}), got ${typeName(value)}`);
    return;
  }
  const range = checkRange("count", value.length, shape);
  if (range !== undefined) out.push(`${path}: ${range}`);
  value.forEach((item, index) => {
    visit(model, shape.member.shape, item, `${path}[${index}]`, out);
  });
}

function visitMap(
  model: ServiceModel,
  shapeName: string,
  shape: Shape<"map">,
  value: unknown,
  path: string,
  out: string[],
): void {
  if (!isObject(value)) {
    out.push(`${path}: expected map (${shapeName}), got ${typeName(value)}`);
    return;
  }
  const entries = Object.entries(value);
  const range = checkRange("count", entries.length, shape);
  if (range !== undefined) out.push(`${path}: ${range}`);
  for (const [key, item] of entries) {
    visit(model, shape.key.shape, key, `${path}{${key}}`, out);
    visit(model, shape.value.shape, item, `${path}[${JSON.stringify(key)}]`, out);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
