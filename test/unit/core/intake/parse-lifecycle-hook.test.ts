import { describe, expect, it } from "vitest";
import { parseTrigger } from "../../../../lambda/core/intake/parse-trigger.js";
import { hookPayload, revisionArn } from "../gate/gate-harness.js";

describe("parsing a lifecycle hook payload", () => {
  it("turns the documented POST_SCALE_UP payload into a lifecycle-hook trigger naming cluster, service and revision", () => {
    expect(parseTrigger(hookPayload())).toMatchObject({
      kind: "lifecycle-hook",
      executionId: "8b095b05-7bb0-4c56-a223-a3f61f4f9295",
      lifecycleStage: "POST_SCALE_UP",
      clusterName: "orders-prod",
      serviceName: "orders-api",
      targetServiceRevisionArn: revisionArn,
      serviceDeploymentArn: expect.stringContaining(":service-deployment/orders-prod/orders-api/"),
      hookDetails: {},
    });
  });

  it("also reads the service and revision at the top level, as the first published examples had them", () => {
    const payload = hookPayload();
    const details = payload.executionDetails as Record<string, unknown>;
    const { executionDetails: _, ...rest } = payload;
    expect(parseTrigger({ ...rest, ...details, hookDetails: { team: "orders" } })).toMatchObject({
      kind: "lifecycle-hook",
      serviceName: "orders-api",
      hookDetails: { team: "orders" },
    });
  });

  it("rejects a payload without a service revision ARN with EVENT_MALFORMED", () => {
    const payload = hookPayload((value) => {
      (value.executionDetails as Record<string, unknown>).targetServiceRevisionArn = undefined;
    });
    expect(() => parseTrigger(payload)).toThrow(expect.objectContaining({ code: "EVENT_MALFORMED" }));
  });
});
