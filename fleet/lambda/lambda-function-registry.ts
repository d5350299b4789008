import type { FunctionInvocationOutcome, InvokeFunction } from "../contracts.js";
import type { LocalLambda } from "./local-lambda.js";

/** One function the fleet can invoke: takes the event, says how the invocation ended. */
export type FunctionHandler = (payload: unknown) => Promise<FunctionInvocationOutcome>;

/**
 * The fleet's Lambda functions by name, the targets of ECS lifecycle hooks. A hook's
 * `hookTargetArn` (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`) reaches the
 * function registered under `<name>`; account, region and qualifier are not compared, since the
 * local runtime has no versions and the fleet has one account.
 */
export interface LambdaFunctionRegistry {
  /** Registers `handler` under `name`; returns the function that unregisters it. */
  register(name: string, handler: FunctionHandler): () => void;
  /** Invokes by ARN or name; an unknown function ends with ResourceNotFoundException, as Lambda answers. */
  readonly invoke: InvokeFunction;
}

/** An empty registry. */
export function createLambdaFunctionRegistry(): LambdaFunctionRegistry {
  const handlers = new Map<string, FunctionHandler>();
  return {
    register(name, handler) {
      handlers.set(name, handler);
      return () => {
        if (handlers.get(name) === handler) handlers.delete(name);
      };
    },
    async invoke(functionArn, payload) {
      const handler = handlers.get(functionNameOf(functionArn));
      if (!handler) {
        return {
          ok: false,
          errorType: "ResourceNotFoundException",
          errorMessage: `Function not found: ${functionArn}`,
        };
      }
      try {
        return await handler(payload);
      } catch (error) {
        return {
          ok: false,
          errorType: "ServiceException",
          errorMessage: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]` (or a bare name) to `name`. */
export function functionNameOf(arnOrName: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::.*)?$/.exec(arnOrName);
  return match?.[1] ?? arnOrName;
}

/** A local Lambda as a registry handler: one synchronous (RequestResponse) invocation per call. */
export function invokeLocalLambda(lambda: LocalLambda): FunctionHandler {
  return async (payload) => {
    const record = await lambda.invoke(payload);
    if (record.ok) return { ok: true, result: record.result };
    return {
      ok: false,
      errorType: record.errorType ?? "Unhandled",
      errorMessage: record.errorMessage ?? "",
    };
  };
}
