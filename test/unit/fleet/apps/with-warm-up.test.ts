import { describe, expect, it } from "vitest";
import { withWarmUp } from "../../../../fleet/apps/with-warm-up.js";

function fakeExchange() {
  const sent: { status?: number; body?: string } = {};
  const request = { resume: () => undefined } as never;
  const response = {
    writeHead: (status: number) => {
      sent.status = status;
    },
    end: (body: string) => {
      sent.body = body;
    },
  } as never;
  return { request, response, sent };
}

describe("withWarmUp", () => {
  it("answers 503 warming up until the warm-up is over, then hands requests to the app", () => {
    let now = 1_000;
    const handled: string[] = [];
    const listener = withWarmUp(
      "sample/jwt-api:jose",
      () => handled.push("app"),
      { SAMPLE_APP_WARM_UP_MS: "500" },
      () => now,
    );
    const early = fakeExchange();
    listener(early.request, early.response);
    expect(early.sent).toEqual({ status: 503, body: '{"error":"warming up"}' });
    now = 1_500;
    const late = fakeExchange();
    listener(late.request, late.response);
    expect(handled).toEqual(["app"]);
  });

  it("leaves the app untouched without the variable", () => {
    const app = () => undefined;
    expect(withWarmUp("sample/jwt-api:jose", app, {})).toBe(app);
  });

  it("fails the task at start on a value that is not whole milliseconds", () => {
    expect(() =>
      withWarmUp("sample/jwt-api:jose", () => undefined, { SAMPLE_APP_WARM_UP_MS: "soon" }),
    ).toThrow(expect.objectContaining({ code: "APP_CONFIG_INVALID" }));
  });
});
