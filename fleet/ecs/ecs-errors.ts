import { AwsServiceError } from "../contracts.js";

/** ECS error shapes from the model; every one is a 400 client error except ServerException. */
export const EcsErrorType = {
  clusterNotFound: "ClusterNotFoundException",
  serviceNotFound: "ServiceNotFoundException",
  serviceNotActive: "ServiceNotActiveException",
  invalidParameter: "InvalidParameterException",
  client: "ClientException",
  resourceNotFound: "ResourceNotFoundException",
  serviceDeploymentNotFound: "ServiceDeploymentNotFoundException",
  server: "ServerException",
} as const;

/** ClusterNotFoundException with the message ECS uses. */
export function clusterNotFound(): AwsServiceError {
  return new AwsServiceError(EcsErrorType.clusterNotFound, "Cluster not found.");
}

/** ServiceNotFoundException with the message ECS uses. */
export function serviceNotFound(): AwsServiceError {
  return new AwsServiceError(EcsErrorType.serviceNotFound, "Service not found.");
}

/** ServiceNotActiveException with the message ECS uses. */
export function serviceNotActive(): AwsServiceError {
  return new AwsServiceError(EcsErrorType.serviceNotActive, "Service was not ACTIVE.");
}

/** InvalidParameterException: the caller sent a value the model or ECS rejects. */
export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError(EcsErrorType.invalidParameter, message);
}

/** ClientException: ECS's generic "you asked for something that does not exist". */
export function clientError(message: string): AwsServiceError {
  return new AwsServiceError(EcsErrorType.client, message);
}

/** ResourceNotFoundException for tag operations on unknown ARNs. */
export function resourceNotFound(): AwsServiceError {
  return new AwsServiceError(EcsErrorType.resourceNotFound, "The specified resource could not be found.");
}

/** ServiceDeploymentNotFoundException: no service deployment has that ARN. */
export function serviceDeploymentNotFound(): AwsServiceError {
  return new AwsServiceError(
    EcsErrorType.serviceDeploymentNotFound,
    "The service deployment does not exist.",
  );
}
