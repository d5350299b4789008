/**
 * The seams inside the local fleet: the HTTP front door dispatches JSON 1.1 operations to one
 * `ServiceApi` per AWS service, and everything that happens is announced on one event sink.
 */

/** An AWS-shaped error: serialised as `{"__type": type, "message": message}` with `httpStatus`. */
export class AwsServiceError extends Error {
  override readonly name = "AwsServiceError";
  /** Error shape name from the service model, e.g. `ResourceNotFoundException`. */
  readonly type: string;
  readonly httpStatus: number;

  constructor(type: string, message: string, httpStatus = 400) {
    super(message);
    this.type = type;
    this.httpStatus = httpStatus;
  }
}

/** One operation: takes the decoded JSON input, returns the JSON output (timestamps as epoch seconds). */
export type OperationHandler = (input: Record<string, unknown>) => unknown | Promise<unknown>;

/** An AWS service on the fleet, keyed by the operation name after the `X-Amz-Target` prefix. */
export interface ServiceApi {
  /** `AmazonEC2ContainerServiceV20141113` or `secretsmanager`. */
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, OperationHandler>>;
}

/** An EventBridge-shaped event (`version`, `id`, `detail-type`, `source`, `account`, `time`, `region`, `resources`, `detail`). */
export interface FleetEvent {
  readonly version: "0";
  readonly id: string;
  readonly "detail-type": string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

export type EmitEvent = (event: FleetEvent) => void;

/** What a task reads at start: the fleet's Secrets Manager resolving an ECS `valueFrom`. */
export interface SecretResolver {
  /** Resolves full/partial ARN (or name) with optional `:json-key:version-stage:version-id`; throws AwsServiceError when it cannot. */
  resolveValueFrom(valueFrom: string): string;
}

/** Account and region every ARN on the fleet uses. */
export interface FleetIdentity {
  readonly account: string;
  readonly region: string;
}

/** How one synchronous Lambda invocation ended: the function's result, or its error. */
export type FunctionInvocationOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly errorType: string; readonly errorMessage: string };

/** How the fleet's ECS reaches a Lambda function (lifecycle hooks): RequestResponse, by function ARN. */
export type InvokeFunction = (functionArn: string, payload: unknown) => Promise<FunctionInvocationOutcome>;
