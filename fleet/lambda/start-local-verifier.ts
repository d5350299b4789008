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
  /** The name lifecycle hooks reach it by (`...:function:<name>`). @default "rollout-verifier" */
  readonly functionName?: string;
}

/** The verifier Lambda wired to a fleet's events, as the CDK stack wires it to EventBridge. */
export interface LocalVerifier {
  readonly lambda: LocalLambda;
  readonly routed: readonly RoutedEvent[];
  /** Resolves once every routed event has been handled (retries included). */
  idle(): Promise<void>;
  /** Stops routing and ends the function's execution environment. */
  stop(): Promise<void>;
}

/**
 * Subscribes the bundled handler to the fleet's events through the stack's own patterns, and
 * registers it as the lifecycle hook target `...:function:<functionName>`. The function
 * reaches the fleet only through the SDK's standard endpoint setting, exactly as it would reach AWS.
 */
export function startLocalVerifier(fleet: Fleet, options: LocalVerifierOptions): LocalVerifier {
  const functionName = options.functionName ?? "rollout-verifier";
  const lambda = new LocalLambda({
    bundlePath: options.bundlePath ?? "dist/handler.mjs",
    logFile: options.logFile,
    env: {
      AWS_ENDPOINT_URL: fleet.endpoint,
      AWS_REGION: fleet.identity.region,
      AWS_DEFAULT_REGION: fleet.identity.region,
      ...options.config,
    },
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    functionName,
  });
  const unregister = fleet.lambdaFunctions.register(functionName, invokeLocalLambda(lambda));
  const routed: RoutedEvent[] = [];
  const unsubscribe = fleet.onEvent((event) => {
    const rule = matchVerifierRoute(event);
    if (rule === undefined) return;
    routed.push({ rule, event });
    lambda.invokeAsync(event);
  });
  return {
    lambda,
    routed,
    idle: () => lambda.idle(),
    stop: async () => {
      unsubscribe();
      unregister();
      await lambda.stop();
    },
  };
}
