import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withAnswerDelay } from "../../../../fleet/apps/with-answer-delay.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("withAnswerDelay", () => {
  it("hands each request to the app only after the delay", () => {
    vi.useFakeTimers();
    const handled: string[] = [];
    const listener = withAnswerDelay("sample/jwt-api:jose", () => handled.push("app"), {
      SAMPLE_APP_ANSWER_DELAY_MS: "1500",
    });
    listener({} as never, new EventEmitter() as never);
    vi.advanceTimersByTime(1_499);
    expect(handled).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(handled).toEqual(["app"]);
  });

  it("drops a request whose connection closed while it waited", () => {
    vi.useFakeTimers();
    const handled: string[] = [];
    const listener = withAnswerDelay("sample/jwt-api:jose", () => handled.push("app"), {
      SAMPLE_APP_ANSWER_DELAY_MS: "1000",
    });
    const response = new EventEmitter();
    listener({} as never, response as never);
    response.emit("close");
    vi.advanceTimersByTime(2_000);
    expect(handled).toEqual([]);
  });

  it("leaves the app untouched without the variable, and fails the task on a value that is not whole milliseconds", () => {
    const app = () => undefined;
    expect(withAnswerDelay("sample/jwt-api:jose", app, {})).toBe(app);
    expect(() => withAnswerDelay("sample/jwt-api:jose", app, { SAMPLE_APP_ANSWER_DELAY_MS: "1.5s" })).toThrow(
      expect.objectContaining({ code: "APP_CONFIG_INVALID" }),
    );
  });
});
