import type { ProbeReport } from "./report/report.js";
import type { HistoryRecord } from "./secret/cutover-history.js";
import type {
  SecretDescription,
  SecretValue,
  ServiceDeploymentSnapshot,
  ServiceRevisionSnapshot,
  ServiceSnapshot,
  TaskDefinitionSnapshot,
  TaskSnapshot,
} from "./snapshots.js";

/**
 * The engine's view of the outside world. Adapters in `lambda/adapters/` implement these over the
 * AWS SDK and `node:http`; tests may implement them in memory. Failed AWS calls throw typed errors
 * (see `lambda/errors.ts`); expected outcomes (a rejected probe) are values.
 */

/** Secrets Manager, read-only. */
export interface SecretsPort {
  describeSecret(secretId: string): Promise<SecretDescription>;
  /** Always by an explicit stage or version id, never "whatever is current" (moto and caches differ). */
  getSecretValue(
    secretId: string,
    version: { readonly versionStage: string } | { readonly versionId: string },
  ): Promise<SecretValue>;
}

/** ECS (plus EC2 for bridge/host addresses). Batching and paging are the adapter's job. */
export interface EcsPort {
  listClusters(): Promise<string[]>;
  /** Service ARNs of a cluster (all pages, page size 100). */
  listServices(cluster: string): Promise<string[]>;
  /** DescribeServices in batches of 10 with `include: ["TAGS"]`. */
  describeServices(cluster: string, services: readonly string[]): Promise<ServiceSnapshot[]>;
  describeTaskDefinition(taskDefinitionArn: string): Promise<TaskDefinitionSnapshot>;
  /** RUNNING-desired task ARNs of one service, or of a family's standalone tasks when `family` is given. */
  listTasks(
    cluster: string,
    filter: { readonly serviceName: string } | { readonly family: string } | Record<string, never>,
  ): Promise<string[]>;
  /** DescribeTasks in batches of up to 100. */
  describeTasks(cluster: string, taskArns: readonly string[]): Promise<TaskSnapshot[]>;
  /** Container instance ARN -> host private IPv4 (DescribeContainerInstances + ec2:DescribeInstances). */
  resolveContainerInstanceHosts(
    cluster: string,
    containerInstanceArns: readonly string[],
  ): Promise<Map<string, string>>;
  /** UpdateService(forceNewDeployment); returns the new PRIMARY deployment id. */
  forceNewDeployment(cluster: string, service: string): Promise<{ deploymentId: string }>;
}

/** One probe request, fully specified by the engine. */
export interface ProbeRequest {
  readonly url: string;
  /** Value of the Authorization header, e.g. `Bearer <jwt>`; never logged. */
  readonly authorization: string;
  /** Statuses that mean "accepted"; default 200-299. */
  readonly expectStatus?: readonly number[];
  readonly timeoutMs: number;
}

/**
 * What the task answered, for reading the app's own reason (a `WWW-Authenticate` challenge, a JSON
 * `error`): header names in lower case, the first kilobyte of the body, anything token-shaped
 * already replaced. Still untrusted text: bound and sanitise it before a report or a log carries it.
 */
export interface ProbeAnswer {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyExcerpt: string;
}

/** A probe's report, plus what the task answered when it answered at all. */
export interface ProbeOutcome extends ProbeReport {
  readonly answer?: ProbeAnswer;
}

/** HTTP probe of a task's own address. No retries: a retry could hide a 401. */
export interface ProbePort {
  probe(request: ProbeRequest): Promise<ProbeOutcome>;
  /**
   * Frees what the port holds for the address of `url` (its keep-alive connection) once a task's
   * probes are all sent; a later probe of that address opens a new connection.
   */
  release?(url: string): void;
}

/** One request to an issuer task's own address: its JWKS, or its token endpoint for the test principal. */
export interface IssuerRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  /** The fixed body the service's tag documents; never a secret of the verifier's. */
  readonly body?: string;
  readonly contentType?: string;
  readonly timeoutMs: number;
}

/**
 * What an issuer task answered: the status and the whole body, at most the adapter's bound (a key
 * set or a token response is small), or why there is no answer. The body may hold a token: the
 * engine reads it and drops it, never logs or reports it.
 */
export type IssuerAnswer =
  | {
      readonly kind: "answered";
      readonly httpStatus: number;
      readonly body: string;
      readonly latencyMs: number;
    }
  | {
      readonly kind: "failed";
      /** `too-large`: the body passed the bound and was cut off unread. */
      readonly reason: "timeout" | "refused" | "too-large" | "error";
      readonly detail: string;
      readonly latencyMs?: number;
    };

/**
 * HTTP to an issuer task's own address: no redirects followed, no retries, a hard deadline and a
 * bounded body, like the probe port; only IP-literal hosts.
 */
export interface IssuerPort {
  fetch(request: IssuerRequest): Promise<IssuerAnswer>;
}

/**
 * CloudTrail's event history (management events of the last 90 days, no trail needed): when
 * AWSCURRENT last moved, for sweeps, direct runs and events that may be stale.
 */
export interface HistoryPort {
  /** The secret's recorded events since `since`, newest first (a bounded number of pages). */
  lookUpSecretEvents(secretArn: string, since: Date): Promise<HistoryRecord[]>;
}

/** Which startup line of a task's own log stream to find. */
export interface LogLineRequest {
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** The fixed text the line contains (the service's `rollout-verifier:fingerprint-log` prefix). */
  readonly contains: string;
  /** The most pages read from the head of the stream. */
  readonly maxPages: number;
}

/**
 * The first line holding the text, from the head of the stream, or that none was in the pages
 * read. The line is untrusted app output: the engine keeps the fingerprint after the prefix and
 * drops the rest. A failed call throws (AwsCallError); a missing stream is `no-stream`.
 */
export type LogLineAnswer =
  | { readonly kind: "found"; readonly message: string; readonly timestamp?: Date }
  | { readonly kind: "not-found"; readonly pagesRead: number; readonly complete: boolean }
  | { readonly kind: "no-stream" };

/** CloudWatch Logs, read-only, on the log groups the watched task definitions name. */
export interface LogsPort {
  findLine(request: LogLineRequest): Promise<LogLineAnswer>;
}

/** The clock, injected so the core stays deterministic. */
export interface Clock {
  now(): Date;
}

/**
 * The ECS calls only the gate makes. Separate from `EcsPort` so that the rotation engine's port (and
 * every fake of it) stays as it is, and the gate's IAM actions map to one adapter.
 */
export interface ServiceRevisionsPort {
  /** DescribeServiceRevisions for one ARN; throws AwsCallError when ECS does not return it. */
  describeServiceRevision(serviceRevisionArn: string): Promise<ServiceRevisionSnapshot>;
  /** DescribeServiceDeployments for one ARN; throws AwsCallError when ECS does not return it. */
  describeServiceDeployment(serviceDeploymentArn: string): Promise<ServiceDeploymentSnapshot>;
}

/** Structured log sink: message plus value-free attributes. */
export interface EventLog {
  info(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}
