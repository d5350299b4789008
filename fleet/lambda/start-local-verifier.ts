import { createHash, randomUUID } from "node:crypto";
import { RUN_MESSAGE_GROUP } from "../../lib/event-patterns.js";
import type { FleetEvent } from "../contracts.js";
import type { Fleet } from "../fleet-api.js";
import { invokeLocalLambda } from "./lambda-function-registry.js";
import { LocalLambda } from "./local-lambda.js";
import { matchVerifierRoute } from "./verifier-routes.js";

/** One event EventBridge delivered to the function, and the rule that matched it. */
export interface RoutedEvent {
  readonly rule: string;
  readonly event: FleetEvent;
}

export interface LocalVerifierOptions {
  /** @default "dist/handler.mjs" (what `npm run build` writes and the stack deploys) */
  readonly bundlePath?: string;
  /** The function's log: the stand-in for its CloudWatch log group. */
  readonly logFile: string;
  /** Verifier configuration (`VERIFIER_*`); none means the zero-config default. */
  readonly config?: Readonly<Record<string, string>>;
  /** @default Lambda's [60 s, 120 s]; tests and the demo shorten it */
  readonly retryDelaysMs?: readonly number[];
  /** @default 300_000 */
  readonly timeoutMs?: number;
  /** The verification function's name. @default "rollout-verifier" */
  readonly functionName?: string;
  /** The gate function's name, which lifecycle hooks reach (`...:function:<name>`). @default "rollout-verifier-gate" */
  readonly gateFunctionName?: string;
}

/** The verifier's two functions wired to a fleet, as the CDK stack wires them. */
export interface LocalVerifier {
  /** The verification function: every routed event, through the run queue, one at a time. */
  readonly lambda: LocalLambda;
  /** The gate function: lifecycle hooks only, in an execution environment of its own. */
  readonly gate: LocalLambda;
  readonly routed: readonly RoutedEvent[];
  /** Resolves once every routed event has been handled (retries included). */
  idle(): Promise<void>;
  /** Stops routing and ends the function's execution environment. */
  stop(): Promise<void>;
}

/**
 * Subscribes the bundled handler to the fleet's events through the stack's own patterns, each event
 * delivered as the stack's FIFO run queue delivers it (an SQS batch of one message, one run at a
 * time, a failed run delivered again), and registers a second function from the same bundle as the
 * lifecycle hook target `...:function:<gateFunctionName>`, so a hook never waits behind a run. Both
 * write to one log file, as both functions log to one log group. The functions reach the fleet only
 * through the SDK's standard endpoint setting, exactly as they would reach AWS.
 */
export function startLocalVerifier(fleet: Fleet, options: LocalVerifierOptions): LocalVerifier {
  const functionName = options.functionName ?? "rollout-verifier";
  const gateFunctionName = options.gateFunctionName ?? `${functionName}-gate`;
  const shared = {
    bundlePath: options.bundlePath ?? "dist/handler.mjs",
    logFile: options.logFile,
    env: {
      AWS_ENDPOINT_URL: fleet.endpoint,
      AWS_REGION: fleet.identity.region,
      AWS_DEFAULT_REGION: fleet.identity.region,
      // The stand-in runtime's own setting (not the function's): the account in invokedFunctionArn.
      LOCAL_LAMBDA_ACCOUNT_ID: fleet.identity.account,
      ...options.config,
    },
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const lambda = new LocalLambda({ ...shared, functionName, toPayload: sqsBatchOf });
  const gate = new LocalLambda({ ...shared, functionName: gateFunctionName });
  const unregister = fleet.lambdaFunctions.register(gateFunctionName, invokeLocalLambda(gate));
  const routed: RoutedEvent[] = [];
  const unsubscribe = fleet.onEvent((event) => {
    const rule = matchVerifierRoute(event);
    if (rule === undefined) return;
    routed.push({ rule, event });
    lambda.invokeAsync(event);
  });
  return {
    lambda,
    gate,
    routed,
    idle: async () => {
      await lambda.idle();
      await gate.idle();
    },
    stop: async () => {
      unsubscribe();
      unregister();
      await Promise.all([lambda.stop(), gate.stop()]);
    },
  };
}

/**
 * The batch Lambda's SQS event source mapping hands the function: one record whose body is the
 * event as EventBridge put it on the queue, and the receive count of this delivery.
 */
function sqsBatchOf(event: unknown, attempt: number): unknown {
  const body = JSON.stringify(event);
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body,
        attributes: {
          ApproximateReceiveCount: String(attempt),
          MessageGroupId: RUN_MESSAGE_GROUP,
          MessageDeduplicationId: createHash("sha256").update(body).digest("hex"),
        },
        messageAttributes: {},
        md5OfBody: createHash("md5").update(body).digest("hex"),
        eventSource: "aws:sqs",
        eventSourceARN: "arn:aws:sqs:local:000000000000:Runs.fifo",
        awsRegion: "local",
      },
    ],
  };
}
