import { describe, expect, it } from "vitest";
import { startSampleAppProcess } from "../../../../fleet/apps/start-sample-app-process.js";
import { callApi, hmacKey, signToken } from "./jwt-test-kit.js";

const SECRET = "current-hmac-secret-with-32-bytes!!";

describe("startSampleAppProcess", () => {
  it("runs an app in a child process configured by its environment, and stops it on close", async () => {
    const app = await startSampleAppProcess({
      image: "sample/jwt-api:jsonwebtoken-8",
      env: { JWT_SECRET: SECRET },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      expect((await callApi(app.url, await signToken(hmacKey(SECRET), "HS256"))).status).toBe(200);
      const wrong = await callApi(app.url, await signToken(hmacKey("another-secret"), "HS256"));
      expect(wrong).toEqual({ status: 401, body: { error: "invalid signature" } });
    } finally {
      await app.close();
    }
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
  });

  it("reports a child that cannot configure its app as APP_CONFIG_INVALID", async () => {
    const start = startSampleAppProcess({
      image: "sample/jwt-api:jose",
      env: {},
      host: "127.0.0.1",
      port: 0,
    });
    await expect(start).rejects.toMatchObject({ code: "APP_CONFIG_INVALID", name: "AppConfigError" });
  });

  it("refuses an unknown image without spawning anything", async () => {
    const start = startSampleAppProcess({ image: "busybox", env: {}, host: "127.0.0.1", port: 0 });
    await expect(start).rejects.toMatchObject({ code: "UNKNOWN_IMAGE" });
  });
});
