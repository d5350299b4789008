import { describe, expect, it } from "vitest";
import { matchesEventPattern } from "../../../../fleet/events/match-event-pattern.js";
import type { EventPattern } from "../../../../lib/event-patterns.js";

const event = {
  source: "aws.secretsmanager",
  "detail-type": "AWS API Call via CloudTrail",
  resources: ["arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api"],
  detail: { eventName: "PutSecretValue", requestParameters: { versionStages: ["AWSPENDING", "LABEL"] } },
};

describe("matchesEventPattern", () => {
  it("matches when every field equals one of its listed values", () => {
    expect(matchesEventPattern({ source: ["aws.ecs", "aws.secretsmanager"] }, event)).toBe(true);
    expect(matchesEventPattern({ source: ["aws.ecs"] }, event)).toBe(false);
  });

  it("descends into nested objects and treats an array value as any-of its elements", () => {
    const pattern: EventPattern = { detail: { requestParameters: { versionStages: ["LABEL"] } } };
    expect(matchesEventPattern(pattern, event)).toBe(true);
  });

  it("never matches a literal against a missing field or a non-object event", () => {
    expect(matchesEventPattern({ detail: { errorCode: ["x"] } }, event)).toBe(false);
    expect(matchesEventPattern({ source: ["aws.ecs"] }, "aws.ecs")).toBe(false);
  });

  it("matches prefix and suffix operators on strings only", () => {
    const prefix = "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/";
    expect(matchesEventPattern({ resources: [{ prefix }] }, event)).toBe(true);
    expect(
      matchesEventPattern({ resources: [{ prefix: "arn:aws:ecs:eu-west-1:1:service/other/" }] }, event),
    ).toBe(false);
    expect(matchesEventPattern({ source: [{ suffix: ".secretsmanager" }] }, event)).toBe(true);
    expect(
      matchesEventPattern({ detail: { eventName: [{ "equals-ignore-case": "putsecretvalue" }] } }, event),
    ).toBe(true);
  });

  it("matches exists:false only when the field is absent and exists:true only when present", () => {
    expect(matchesEventPattern({ detail: { errorCode: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { eventName: [{ exists: false }] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { eventName: [{ exists: true }] } }, event)).toBe(true);
  });

  it("matches anything-but when some value is outside the excluded set, and never on a missing field", () => {
    const stages = (excluded: string | string[]): EventPattern => ({
      detail: { requestParameters: { versionStages: [{ "anything-but": excluded }] } },
    });
    expect(matchesEventPattern(stages("AWSPENDING"), event)).toBe(true);
    expect(matchesEventPattern(stages(["AWSPENDING", "LABEL"]), event)).toBe(false);
    expect(matchesEventPattern({ detail: { missing: [{ "anything-but": "x" }] } }, event)).toBe(false);
    expect(matchesEventPattern({ source: [{ "anything-but": { prefix: "aws." } }] }, event)).toBe(false);
  });

  it("matches $or when any alternative matches at its level", () => {
    const pattern: EventPattern = {
      detail: {
        $or: [{ eventName: ["RotationSucceeded"] }, { requestParameters: { versionStages: ["LABEL"] } }],
      },
    };
    expect(matchesEventPattern(pattern, event)).toBe(true);
    expect(matchesEventPattern({ detail: { $or: [{ eventName: ["Nope"] }] } }, event)).toBe(false);
  });

  it("rejects an operator it does not implement with a stable code", () => {
    const numeric = { source: [{ numeric: [">", 0] }] } as unknown as EventPattern;
    expect(() => matchesEventPattern(numeric, event)).toThrow(
      expect.objectContaining({ code: "EVENT_PATTERN_UNSUPPORTED" }),
    );
  });
});
