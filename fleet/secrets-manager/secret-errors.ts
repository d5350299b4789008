import { AwsServiceError } from "../contracts.js";

/**
 * The Secrets Manager error shapes the fleet raises, with the wording of the real service so that
 * callers matching on `name`/`message` behave as they would against AWS. Every client error is
 * HTTP 400, as on the real service (even ResourceNotFoundException).
 */
export const SecretsManagerErrorType = {
  resourceNotFound: "ResourceNotFoundException",
  invalidParameter: "InvalidParameterException",
  invalidRequest: "InvalidRequestException",
  resourceExists: "ResourceExistsException",
  invalidNextToken: "InvalidNextTokenException",
  limitExceeded: "LimitExceededException",
} as const;

/** The secret named by `SecretId` does not exist (by name, full ARN or partial ARN). */
export function secretNotFound(): AwsServiceError {
  return new AwsServiceError(
    SecretsManagerErrorType.resourceNotFound,
    "Secrets Manager can't find the specified secret.",
  );
}

/** The secret exists but holds no version under that label or id. */
export function secretValueNotFound(kind: "staging label" | "VersionId", value: string): AwsServiceError {
  return new AwsServiceError(
    SecretsManagerErrorType.resourceNotFound,
    `Secrets Manager can't find the specified secret value for ${kind}: ${value}`,
  );
}

/** A parameter value is invalid for the operation. */
export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError(SecretsManagerErrorType.invalidParameter, message);
}

/** The request is not valid in the secret's current state. */
export function invalidRequest(message: string): AwsServiceError {
  return new AwsServiceError(SecretsManagerErrorType.invalidRequest, message);
}

/** A secret or version that the request would create already exists with different content. */
export function resourceExists(message: string): AwsServiceError {
  return new AwsServiceError(SecretsManagerErrorType.resourceExists, message);
}

/** A `NextToken` this fleet did not hand out (or for another listing). */
export function invalidNextToken(): AwsServiceError {
  return new AwsServiceError(SecretsManagerErrorType.invalidNextToken, "The NextToken value is invalid.");
}
