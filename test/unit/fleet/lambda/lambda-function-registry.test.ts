import { describe, expect, it } from "vitest";
import {
  createLambdaFunctionRegistry,
  functionNameOf,
} from "../../../../fleet/lambda/lambda-function-registry.js";

describe("the fleet's Lambda function registry", () => {
  it("reaches a function by its ARN, qualified or not, or by its bare name", async () => {
    const registry = createLambdaFunctionRegistry();
    const seen: unknown[] = [];
    registry.register("gate", async (payload) => {
      seen.push(payload);
      return { ok: true, result: { hookStatus: "SUCCEEDED" } };
    });
    for (const target of [
      "arn:aws:lambda:eu-west-1:123456789012:function:gate",
      "arn:aws:lambda:eu-west-1:123456789012:function:gate:live",
      "gate",
    ]) {
      expect(await registry.invoke(target, { target })).toEqual({
        ok: true,
        result: { hookStatus: "SUCCEEDED" },
      });
    }
    expect(seen).toHaveLength(3);
    expect(functionNameOf("arn:aws-cn:lambda:cn-north-1:123456789012:function:other:$LATEST")).toBe("other");
  });

  it("fails an invocation of an unknown or unregistered function as Lambda answers it", async () => {
    const registry = createLambdaFunctionRegistry();
    const unregister = registry.register("gate", async () => ({ ok: true, result: {} }));
    unregister();
    expect(await registry.invoke("arn:aws:lambda:eu-west-1:123456789012:function:gate", {})).toEqual({
      ok: false,
      errorType: "ResourceNotFoundException",
      errorMessage: "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:gate",
    });
  });

  it("turns a handler that throws into a failed invocation instead of an exception", async () => {
    const registry = createLambdaFunctionRegistry();
    registry.register("broken", async () => {
      throw new Error("runtime gone");
    });
    expect(await registry.invoke("broken", {})).toEqual({
      ok: false,
      errorType: "ServiceException",
      errorMessage: "runtime gone",
    });
  });
});
