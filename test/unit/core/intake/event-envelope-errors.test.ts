import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  envelopeSchema,
  parseEventTime,
  parseOrThrow,
} from "../../../../lambda/core/intake/event-envelope.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const envelope = {
  id: "4a8c2e6f-0b3d-4e7a-9c1f-5b7d9f1a3c5e",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  time: "2025-06-01T03:14:20Z",
  detail: {},
};

function thrownBy(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a throw");
}

describe("envelopeSchema", () => {
  it("reads an envelope without resources as having none", () => {
    expect(envelopeSchema.parse(envelope).resources).toEqual([]);
  });
});

describe("parseOrThrow: what the operator reads about a malformed event", () => {
  const schema = z.object({ a: z.string(), b: z.string(), c: z.object({ d: z.string() }), e: z.string() });

  it("names the path of the first three problems only, nested paths joined with dots, and keeps the cause", () => {
    const error = thrownBy(() => parseOrThrow(schema, { c: {} }, "test event"));
    expect(error.code).toBe(ErrorCode.eventMalformed);
    expect(error.message).toBe(
      "test event is malformed: a: Invalid input: expected string, received undefined; " +
        "b: Invalid input: expected string, received undefined; " +
        "c.d: Invalid input: expected string, received undefined",
    );
    expect(error.cause).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["e"] })]),
    });
  });

  it("names a problem of the value itself as (root)", () => {
    expect(thrownBy(() => parseOrThrow(schema, "text", "test event")).message).toBe(
      "test event is malformed: (root): Invalid input: expected object, received string",
    );
  });
});

describe("parseEventTime", () => {
  it("refuses an envelope time that is not a timestamp, naming the event", () => {
    const parsed = envelopeSchema.parse({ ...envelope, time: "yesterday" });
    expect(() => parseEventTime(parsed)).toThrowError(
      expect.objectContaining({
        code: ErrorCode.eventMalformed,
        message: `event ${envelope.id} (aws.events/Scheduled Event) has an invalid time`,
      }),
    );
    expect(parseEventTime(envelopeSchema.parse(envelope))).toEqual(new Date("2025-06-01T03:14:20Z"));
  });
});
