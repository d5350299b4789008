import { randomUUID } from "node:crypto";
import type { EmitEvent, FleetIdentity, OperationHandler, SecretResolver, ServiceApi } from "../contracts.js";
import { createCreateSecret } from "./create-secret-operation.js";
import { createListSecrets } from "./list-secrets-operation.js";
import { createPutSecretValue } from "./put-secret-value-operation.js";
import { createDescribeSecret, createGetSecretValue, createListSecretVersionIds } from "./read-operations.js";
import { resolveValueFrom } from "./resolve-value-from.js";
import { createRotateSecret } from "./rotate-secret-operation.js";
import { SecretStore } from "./secret-store.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { createTagResource, createUntagResource } from "./tag-operations.js";
import { createUpdateSecret } from "./update-secret-operation.js";
import { createUpdateSecretVersionStage } from "./update-secret-version-stage-operation.js";

/** Options for `createSecretsManagerApi`. */
export interface SecretsManagerApiOptions {
  /** Account and region in every ARN and event. */
  readonly identity: FleetIdentity;
  /** Receives every EventBridge-shaped event (label moves, CloudTrail calls, rotation events). */
  readonly emit: EmitEvent;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Version ids, event ids and ARN suffix seeds. @default crypto.randomUUID */
  readonly newId?: () => string;
}

/** The fleet's Secrets Manager: the JSON 1.1 operations, the ECS-side resolver, and the store for read access. */
export type SecretsManagerApi = ServiceApi & SecretResolver & { readonly store: SecretStore };

/**
 * Builds the fleet's Secrets Manager (`X-Amz-Target: secretsmanager.<Op>`) over one in-memory store.
 * Operations follow the service model's shapes and the real staging-label rules; `resolveValueFrom`
 * is how a task reads its secret at start.
 */
export function createSecretsManagerApi(options: SecretsManagerApiOptions): SecretsManagerApi {
  const ctx: SecretsManagerContext = {
    store: new SecretStore(),
    identity: options.identity,
    emit: options.emit,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
  };
  const operations: Record<string, OperationHandler> = {
    CreateSecret: createCreateSecret(ctx),
    PutSecretValue: createPutSecretValue(ctx),
    UpdateSecret: createUpdateSecret(ctx),
    GetSecretValue: createGetSecretValue(ctx),
    DescribeSecret: createDescribeSecret(ctx),
    ListSecretVersionIds: createListSecretVersionIds(ctx),
    UpdateSecretVersionStage: createUpdateSecretVersionStage(ctx),
    ListSecrets: createListSecrets(ctx),
    TagResource: createTagResource(ctx),
    UntagResource: createUntagResource(ctx),
    RotateSecret: createRotateSecret(ctx),
  };
  return {
    targetPrefix: "secretsmanager",
    operations,
    store: ctx.store,
    resolveValueFrom: (valueFrom) => resolveValueFrom(ctx, valueFrom),
  };
}
