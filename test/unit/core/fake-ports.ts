import type { EcsPort, ProbePort, ProbeRequest, SecretsPort } from "../../../lambda/core/ports.js";
import type { ProbeClaims, ProbeSigner, SigningKeyLike } from "../../../lambda/core/probes/probe-signer.js";
import type { ProbeReport } from "../../../lambda/core/report/report.js";
import type {
  DeploymentSnapshot,
  SecretDescription,
  SecretValue,
  ServiceSnapshot,
  TaskDefinitionSnapshot,
  TaskSnapshot,
} from "../../../lambda/core/snapshots.js";
import { SecretNotFoundError } from "../../../lambda/errors.js";

/** An in-memory ECS: one cluster's worth of snapshots per cluster ARN, and a log of every call. */
export interface FakeEcsState {
  readonly clusters: Record<string, { services: ServiceSnapshot[]; tasks: TaskSnapshot[] }>;
  readonly taskDefinitions: TaskDefinitionSnapshot[];
  readonly hosts?: Record<string, string>;
}

export interface FakeEcs extends EcsPort {
  readonly calls: string[];
  readonly forced: { cluster: string; service: string }[];
}

/** How the fake's UpdateService misbehaves: refuse, or apply and then lose its answer. */
export interface FakeEcsOptions {
  readonly failForce?: boolean;
  readonly loseForceResponse?: boolean;
  /** When forced deployments are created. @default the real time */
  readonly now?: () => Date;
}

/**
 * Builds a fake EcsPort whose forced deployments get ids `ecs-svc/forced-<n>` and appear, as in
 * ECS, as the service's new PRIMARY deployment.
 */
export function createFakeEcs(state: FakeEcsState, options: FakeEcsOptions = {}): FakeEcs {
  const calls: string[] = [];
  const forced: { cluster: string; service: string }[] = [];
  const cluster = (name: string) => {
    const key = Object.keys(state.clusters).find((arn) => arn === name || arn.endsWith(`:cluster/${name}`));
    const found = key === undefined ? undefined : state.clusters[key];
    if (!found) throw new Error(`fake ECS has no cluster ${name}`);
    return found;
  };
  return {
    calls,
    forced,
    async listClusters() {
      calls.push("ListClusters");
      return Object.keys(state.clusters);
    },
    async listServices(name) {
      calls.push(`ListServices ${name}`);
      return cluster(name).services.map((service) => service.serviceArn);
    },
    async describeServices(name, services) {
      calls.push(`DescribeServices ${name} ${services.length}`);
      return cluster(name).services.filter(
        (s) => services.includes(s.serviceArn) || services.includes(s.serviceName),
      );
    },
    async describeTaskDefinition(arn) {
      calls.push(`DescribeTaskDefinition ${arn}`);
      const found = state.taskDefinitions.find((definition) => definition.arn === arn);
      if (!found) throw new Error(`fake ECS has no task definition ${arn}`);
      return found;
    },
    async listTasks(name, filter) {
      calls.push(`ListTasks ${name} ${JSON.stringify(filter)}`);
      const tasks = cluster(name).tasks.filter((task) => {
        if ("serviceName" in filter) return task.group === `service:${filter.serviceName}`;
        if ("family" in filter) return task.group === `family:${filter.family}`;
        return true;
      });
      return tasks.map((task) => task.taskArn);
    },
    async describeTasks(name, arns) {
      calls.push(`DescribeTasks ${name} ${arns.length}`);
      return cluster(name).tasks.filter((task) => arns.includes(task.taskArn));
    },
    async resolveContainerInstanceHosts(name, arns) {
      calls.push(`ResolveHosts ${name} ${arns.length}`);
      return new Map(arns.flatMap((arn) => (state.hosts?.[arn] ? [[arn, state.hosts[arn]] as const] : [])));
    },
    async forceNewDeployment(name, service) {
      calls.push(`UpdateService ${name} ${service}`);
      if (options.failForce) throw new Error("AccessDeniedException: not allowed");
      forced.push({ cluster: name, service });
      const id = `ecs-svc/forced-${forced.length}`;
      const services = cluster(name).services;
      const index = services.findIndex((s) => s.serviceName === service || s.serviceArn === service);
      const current = services[index];
      if (current) {
        const deployment = {
          ...current.deployments[0],
          id,
          status: "PRIMARY",
          createdAt: (options.now ?? (() => new Date()))(),
        };
        services[index] = {
          ...current,
          deployments: [deployment as DeploymentSnapshot, ...current.deployments],
        };
      }
      if (options.loseForceResponse) throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      return { deploymentId: id };
    },
  };
}

/** A fake SecretsPort over one secret; `previous` answers a read of its own version id (AWSPREVIOUS). */
export function createFakeSecrets(
  description: SecretDescription,
  value: SecretValue,
  previous?: SecretValue,
): SecretsPort & { calls: string[] } {
  const calls: string[] = [];
  const known = (id: string) => [description.arn, description.name].includes(id);
  return {
    calls,
    async describeSecret(secretId) {
      calls.push(`DescribeSecret ${secretId}`);
      if (!known(secretId)) throw new SecretNotFoundError(`secret ${secretId} not found`);
      return description;
    },
    async getSecretValue(secretId, version) {
      calls.push(`GetSecretValue ${secretId} ${JSON.stringify(version)}`);
      if (!known(secretId)) throw new SecretNotFoundError(`secret ${secretId} not found`);
      if (previous && "versionId" in version && version.versionId === previous.versionId) return previous;
      return value;
    },
  };
}

/** A fake ProbePort answering by `host:port` (and token kind), recording every request. */
export function createFakeProbe(
  answer: (request: ProbeRequest) => ProbeReport,
): ProbePort & { requests: ProbeRequest[] } {
  const requests: ProbeRequest[] = [];
  return {
    requests,
    async probe(request) {
      requests.push(request);
      return answer(request);
    },
  };
}

/**
 * A signer producing recognisable fake tokens: `good.<claims>`, `none.<claims>`, `wrong.<claims>`,
 * and `previous.<claims>` for the control token when `previousMaterial` names AWSPREVIOUS's value.
 */
export function createFakeSigner(
  options: { unusableKey?: boolean; previousMaterial?: string } = {},
): ProbeSigner & { imported: (string | undefined)[] } {
  const imported: (string | undefined)[] = [];
  const claimsText = (claims: ProbeClaims) => `${claims.issuer ?? "-"}|${claims.audience ?? "-"}`;
  return {
    imported,
    async importSigningKey(secretString, importOptions): Promise<SigningKeyLike> {
      imported.push(importOptions?.jsonKey);
      if (options.unusableKey) {
        const { KeyMaterialError } = await import("../../../lambda/errors.js");
        throw new KeyMaterialError("the secret is not a usable key");
      }
      if (options.previousMaterial !== undefined && secretString === options.previousMaterial)
        return { alg: "HS256", fingerprint: "sha256:fake-previous", kid: "previous" };
      return { alg: "HS256", fingerprint: "sha256:fake" };
    },
    async signProbeToken(key, claims) {
      return `${key.kid === "previous" ? "previous" : "good"}.${claimsText(claims)}`;
    },
    signAlgNoneToken(claims) {
      return `none.${claimsText(claims)}`;
    },
    async signWrongKeyToken(_key, claims) {
      return `wrong.${claimsText(claims)}`;
    },
  };
}

/** A clock that advances one second per reading, so start and finish differ deterministically. */
export function createStepClock(start: Date): { now(): Date } {
  let tick = 0;
  return { now: () => new Date(start.getTime() + 1000 * tick++) };
}
