/**
 * Typed errors of the model-shape validator. They mean the caller asked a wrong question (no
 * model file, a shape or operation the model lacks), never that a value is invalid: invalid
 * values come back as a list of violations.
 */

export const ModelShapeErrorCode = {
  modelUnavailable: "MODEL_UNAVAILABLE",
  unknownShape: "UNKNOWN_SHAPE",
  unknownOperation: "UNKNOWN_OPERATION",
} as const;
export type ModelShapeErrorCode = (typeof ModelShapeErrorCode)[keyof typeof ModelShapeErrorCode];

/** The service model file is missing or is not a botocore `service-2.json`. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  readonly code = ModelShapeErrorCode.modelUnavailable;
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`Service model ${file} is unusable: ${reason}`, options);
    this.file = file;
  }
}

/** A shape name the model does not define (a typo in the caller, or a model of another service). */
export class UnknownShapeError extends Error {
  override readonly name = "UnknownShapeError";
  readonly code = ModelShapeErrorCode.unknownShape;
  readonly shape: string;

  constructor(service: string, shape: string) {
    super(`Shape "${shape}" is not in the ${service} model`);
    this.shape = shape;
  }
}

/** An operation name the model does not define. */
export class UnknownOperationError extends Error {
  override readonly name = "UnknownOperationError";
  readonly code = ModelShapeErrorCode.unknownOperation;
  readonly operation: string;

  constructor(service: string, operation: string) {
    super(`Operation "${operation}" is not in the ${service} model`);
    this.operation = operation;
  }
}
