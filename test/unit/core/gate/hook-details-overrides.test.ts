import { describe, expect, it } from "vitest";
import type { GateConfig } from "../../../../lambda/core/gate/gate-types.js";
import { applyHookOverrides } from "../../../../lambda/core/gate/handle-hook.js";

/** The function's own settings: fail open, wait at most 300 s. */
const functionConfig: GateConfig = { maxWaitSeconds: 300, callBackDelaySeconds: 15, onError: "open" };
const closedFunction: GateConfig = { ...functionConfig, onError: "closed" };

describe("a service's hookDetails overriding the function's gate settings", () => {
  it("lets one service fail open while the function fails closed", () => {
    expect(applyHookOverrides(closedFunction, { onError: "open" })).toEqual({
      ...closedFunction,
      onError: "open",
    });
  });

  it("lets one service fail closed while the function fails open", () => {
    expect(applyHookOverrides(functionConfig, { onError: "closed" }).onError).toBe("closed");
  });

  it("takes a maximum wait given as a JSON number", () => {
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: 120 })).toEqual({
      ...functionConfig,
      maxWaitSeconds: 120,
    });
  });

  it("takes a maximum wait given as a string of digits, as a hook's hookDetails often carry it", () => {
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: "120" }).maxWaitSeconds).toBe(120);
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: " 45 " }).maxWaitSeconds).toBe(45);
  });

  it("takes a maximum wait of 0: decide at once, never wait", () => {
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: 0 }).maxWaitSeconds).toBe(0);
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: "0" }).maxWaitSeconds).toBe(0);
  });

  it("ignores an empty or blank maximum wait instead of reading it as 0", () => {
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: "" }).maxWaitSeconds).toBe(300);
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: "   " }).maxWaitSeconds).toBe(300);
  });

  it("ignores a negative maximum wait", () => {
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: -5 }).maxWaitSeconds).toBe(300);
    expect(applyHookOverrides(functionConfig, { maxWaitSeconds: "-5" }).maxWaitSeconds).toBe(300);
  });
});
