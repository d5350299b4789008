import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { ServiceApi } from "./contracts.js";
import { AwsServiceError } from "./contracts.js";
import type { CallLog } from "./server-call-log.js";
import type { FaultInjector } from "./server-faults.js";
import { parseInput, readBody } from "./server-request-body.js";

/** The fleet's front door on 127.0.0.1: JSON 1.1 over HTTP, dispatched on `X-Amz-Target`. */
export interface FleetServer {
  readonly port: number;
  readonly endpoint: string;
  close(): Promise<void>;
}

/** What the front door serves and records. */
export interface FleetServerOptions {
  readonly services: readonly ServiceApi[];
  readonly faults: FaultInjector;
  readonly callLog: CallLog;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * Answers query-protocol requests (a form-encoded `Action=…` body, CloudFormation's protocol).
   * @default none: such requests are unknown operations
   */
  readonly queryApi?: (params: URLSearchParams) => { readonly status: number; readonly xml: string };
}

const contentType = "application/x-amz-json-1.1";
const host = "127.0.0.1";

/** The 500 error shape each service's model declares. */
const serverErrorTypes: Readonly<Record<string, string>> = {
  AmazonEC2ContainerServiceV20141113: "ServerException",
  secretsmanager: "InternalServiceError",
};

/**
 * Starts the front door. Any credentials are accepted (SigV4 is not verified); errors are
 * `{"__type", "message"}` with `x-amzn-ErrorType`, as the SDKs and the CLI parse them.
 */
export function startFleetServer(options: FleetServerOptions): Promise<FleetServer> {
  const byPrefix = new Map(options.services.map((service) => [service.targetPrefix, service]));
  const now = options.now ?? Date.now;
  const server = createServer((request, response) => {
    void handle(request, response, byPrefix, options, now);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        port,
        endpoint: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  byPrefix: ReadonlyMap<string, ServiceApi>,
  options: FleetServerOptions,
  now: () => number,
): Promise<void> {
  const at = now();
  const target = String(request.headers["x-amz-target"] ?? "");
  const dot = target.lastIndexOf(".");
  const prefix = target.slice(0, Math.max(0, dot));
  const operation = target.slice(dot + 1);
  const body = await readBody(request);
  if (
    !target &&
    options.queryApi &&
    String(request.headers["content-type"] ?? "").includes("x-www-form-urlencoded")
  ) {
    const params = new URLSearchParams(body);
    const answer = options.queryApi(params);
    response.writeHead(answer.status, {
      "content-type": "text/xml",
      "content-length": Buffer.byteLength(answer.xml),
      "x-amzn-RequestId": randomUUID(),
    });
    response.end(answer.xml);
    options.callLog.record({
      service: "cloudformation",
      operation: params.get("Action") ?? "",
      input: Object.fromEntries(params),
      at,
      status: answer.status,
      userAgent: String(request.headers["user-agent"] ?? ""),
    });
    return;
  }
  const service = byPrefix.get(prefix);
  const handler = service?.operations[operation];
  let input: Record<string, unknown> = {};
  const status = await (async () => {
    if (request.method !== "POST" || !handler) {
      return sendError(
        response,
        new AwsServiceError("UnknownOperationException", `Unknown operation ${target}`),
      );
    }
    const parsed = parseInput(body);
    if (!parsed) {
      return sendError(
        response,
        new AwsServiceError("SerializationException", "Request body is not a JSON object"),
      );
    }
    input = parsed;
    const decision = options.faults.decide(prefix, operation);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    if (decision.kind === "throttle")
      return sendError(response, new AwsServiceError("ThrottlingException", "Rate exceeded"));
    if (decision.kind === "server-error")
      return sendError(response, serverError(prefix, "Injected server error"));
    if (decision.kind === "hang") return hang(request);
    try {
      const output = (await handler(input)) ?? {};
      if (decision.kind === "lost-response") {
        request.socket.destroy();
        return 0;
      }
      return send(response, 200, output);
    } catch (error) {
      return sendError(
        response,
        error instanceof AwsServiceError ? error : serverError(prefix, "Internal error"),
      );
    }
  })();
  const userAgent = String(request.headers["x-amz-user-agent"] ?? request.headers["user-agent"] ?? "");
  options.callLog.record({ service: prefix, operation, input, at, status, userAgent });
}

/** Holds the request unanswered until the client closes it; recorded with status 0 (no answer). */
function hang(request: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    request.socket.once("close", () => resolve(0));
  });
}

function serverError(prefix: string, message: string): AwsServiceError {
  return new AwsServiceError(serverErrorTypes[prefix] ?? "InternalFailure", message, 500);
}

function sendError(response: ServerResponse, error: AwsServiceError): number {
  response.setHeader("x-amzn-ErrorType", error.type);
  return send(response, error.httpStatus, { __type: error.type, message: error.message });
}

function send(response: ServerResponse, status: number, payload: unknown): number {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
  });
  response.end(text);
  return status;
}
