import { describe, expect, it } from "vitest";
import type { ProbeOutcome } from "../../../../lambda/core/ports.js";
import { sendProbe } from "../../../../lambda/core/probes/send-probe.js";
import { createFakeProbe } from "../fake-ports.js";

const url = "http://127.0.0.2:8080/api/me";
const call = { url, timeoutMs: 1000 };
const token = "probe-token-under-test";

/** What the app answered: a challenge whose `error_description` is a reason an operator can act on. */
const challenge = {
  headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="jwt audience invalid"' },
  bodyExcerpt: "",
};

const send = (outcome: ProbeOutcome) =>
  sendProbe(
    createFakeProbe(() => outcome),
    call,
    token,
  );

describe("sendProbe: the app's reason", () => {
  it("reads a rejection's reason from what the app answered", async () => {
    expect(await send({ status: "rejected", httpStatus: 401, url, answer: challenge })).toStrictEqual({
      status: "rejected",
      httpStatus: 401,
      url,
      appReason: "jwt audience invalid",
    });
  });

  it("keeps the adapter's own reason rather than reading the answer again", async () => {
    const report = await send({
      status: "rejected",
      httpStatus: 401,
      url,
      appReason: "token expired",
      answer: challenge,
    });
    expect(report.appReason).toBe("token expired");
  });

  it.each([
    { status: "accepted", httpStatus: 200, url },
    { status: "unexpected", httpStatus: 500, url },
  ] as const)(
    "gives no reason to an answer that is not a rejection ($status), and no empty keys",
    async (outcome) => {
      expect(await send({ ...outcome, answer: challenge })).toStrictEqual(outcome);
    },
  );

  it("gives a rejection without a usable answer no reason, and no empty keys", async () => {
    expect(await send({ status: "rejected", httpStatus: 403, url })).toStrictEqual({
      status: "rejected",
      httpStatus: 403,
      url,
    });
  });

  it("never reports the token, even when the adapter's reason echoes it", async () => {
    const report = await send({
      status: "rejected",
      httpStatus: 401,
      url,
      appReason: `bad token ${token}`,
      detail: `sent ${token}`,
    });
    expect(report).toStrictEqual({
      status: "rejected",
      httpStatus: 401,
      url,
      appReason: "bad token <token>",
      detail: "sent <token>",
    });
  });
});
