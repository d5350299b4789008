import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelUnavailableError } from "./model-shape-errors.js";

/** A reference from one shape to another (`{"shape": "Task"}`). */
export interface ShapeRef {
  readonly shape: string;
}

/** One shape of a botocore model, reduced to what validation reads (`pattern` is not checked: Java regex syntax). */
export type ModelShape =
  | {
      readonly type: "structure";
      readonly members: Readonly<Record<string, ShapeRef>>;
      readonly required?: readonly string[];
      /** A document shape holds free-form JSON. */
      readonly document?: boolean;
    }
  | { readonly type: "list"; readonly member: ShapeRef; readonly min?: number; readonly max?: number }
  | {
      readonly type: "map";
      readonly key: ShapeRef;
      readonly value: ShapeRef;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly type: "string";
      readonly enum?: readonly string[];
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly type: "integer" | "long" | "double" | "float"; readonly min?: number; readonly max?: number }
  | { readonly type: "boolean" | "timestamp" | "blob"; readonly min?: number; readonly max?: number };

/** One operation: its input and output shapes (absent when the operation takes or returns nothing). */
export interface ModelOperation {
  readonly name: string;
  readonly input?: ShapeRef;
  readonly output?: ShapeRef;
  readonly errors?: readonly ShapeRef[];
}

/** A botocore `service-2.json`: the authority for every wire shape the fleet speaks. */
export interface ServiceModel {
  readonly metadata: {
    readonly serviceId: string;
    readonly targetPrefix?: string;
    readonly protocol: string;
  };
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

/** The services whose official models sit in `fleet/models/` (botocore's, see its README). */
export type ModelledService = "ecs" | "secretsmanager" | "logs";

/** `fleet/models/`, beside this folder: the fleet runs from its sources, never from a bundle. */
const MODELS_DIR = fileURLToPath(new URL("../models/", import.meta.url));

const cache = new Map<string, ServiceModel>();

/**
 * Loads (once per process) the official model of `service` from
 * `<modelsDir>/<service>/service-2.json`.
 * @throws ModelUnavailableError when the file is missing or is not a service model.
 */
export function loadServiceModel(service: ModelledService, modelsDir: string = MODELS_DIR): ServiceModel {
  const file = join(modelsDir, service, "service-2.json");
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new ModelUnavailableError(file, "cannot read it as JSON", { cause });
  }
  if (!isServiceModel(parsed)) throw new ModelUnavailableError(file, "no operations or shapes");
  cache.set(file, parsed);
  return parsed;
}

function isServiceModel(value: unknown): value is ServiceModel {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof ServiceModel, unknown>>;
  return typeof candidate.operations === "object" && typeof candidate.shapes === "object";
}
