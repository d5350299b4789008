import { describe, expect, it } from "vitest";
import { parseTrigger } from "../../../../lambda/core/intake/parse-trigger.js";

const secretId = "prod/orders/jwt-signing-key";

describe("parseTrigger: shapes that are not what the verifier acts on", () => {
  it("ignores an aws.events event other than the scheduled sweep, naming its detail-type", () => {
    expect(
      parseTrigger({
        id: "e-1",
        source: "aws.events",
        "detail-type": "Rule Created",
        time: "2025-06-01T03:14:20Z",
        detail: {},
      }),
    ).toEqual({
      kind: "ignored",
      reason: 'detail-type "Rule Created" is not a scheduled sweep',
      received: "aws.events/Rule Created",
      eventId: "e-1",
      eventTime: new Date("2025-06-01T03:14:20Z"),
    });
  });

  it("names at most the first 10 top-level keys of an unknown object, never its values", () => {
    const event = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, `value${i}`]));
    expect(parseTrigger(event)).toMatchObject({
      kind: "ignored",
      received: "object with keys k0,k1,k2,k3,k4,k5,k6,k7,k8,k9",
    });
  });

  it("ignores a null event as an unknown shape instead of throwing", () => {
    expect(parseTrigger(null)).toEqual({
      kind: "ignored",
      reason: "not an EventBridge event nor a direct { secretId } invocation",
      received: "object",
      eventId: null,
      eventTime: null,
    });
  });
});

describe("parseTrigger: a direct invocation", () => {
  it("carries no dryRun of its own when the invocation sets none, so the configured one applies", () => {
    expect(parseTrigger({ secretId })).toStrictEqual({
      kind: "direct",
      secretId,
      eventId: null,
      eventTime: null,
    });
    expect(parseTrigger({ secretId, dryRun: false })).toStrictEqual({
      kind: "direct",
      secretId,
      dryRun: false,
      eventId: null,
      eventTime: null,
    });
  });
});
