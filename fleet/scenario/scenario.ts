/**
 * A declarative fleet setup. Each entry is exactly the JSON input of the API call that creates it
 * (CreateSecret, CreateCluster, RegisterTaskDefinition, CreateService), so anything a scenario
 * does can also be done through the APIs. Documented by `scenario.schema.json`.
 */
export interface Scenario {
  /** Secrets Manager `CreateSecret` inputs (`Name`, `SecretString`, `Tags`, ...). */
  readonly secrets?: readonly Record<string, unknown>[];
  /** ECS `CreateCluster` inputs (`clusterName`, `tags`). */
  readonly clusters?: readonly Record<string, unknown>[];
  /** ECS `RegisterTaskDefinition` inputs; `valueFrom` is a secret ARN (full or partial) or an SSM parameter (a bare name is one). */
  readonly taskDefinitions?: readonly Record<string, unknown>[];
  /** ECS `CreateService` inputs (`cluster`, `serviceName`, `taskDefinition`, `desiredCount`, ...). */
  readonly services?: readonly Record<string, unknown>[];
}
