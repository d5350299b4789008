import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_APP_IMAGES } from "../../../../fleet/apps/sample-app-catalogue.js";
import { startSampleApp } from "../../../../fleet/apps/start-sample-app.js";
import { callApi, createAppStarter, hmacKey, signToken, unsignedToken } from "./jwt-test-kit.js";

const SECRET = "current-hmac-secret-with-32-bytes!!";

describe("startSampleApp", () => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it("refuses an unknown image with UNKNOWN_IMAGE and lists the catalogue", async () => {
    const start = startSampleApp({ image: "nginx:latest", env: {}, host: "127.0.0.1", port: 0 });
    await expect(start).rejects.toMatchObject({ code: "UNKNOWN_IMAGE" });
    await expect(start).rejects.toThrow(SAMPLE_APP_IMAGES.join(", "));
  });

  it.each(SAMPLE_APP_IMAGES.filter((image) => image.startsWith("sample/jwt-api:")))(
    "%s fails to start without JWT_SECRET or JWT_PUBLIC_KEY",
    async (image) => {
      await expect(apps.start(image, {})).rejects.toMatchObject({ code: "APP_CONFIG_INVALID" });
    },
  );

  it("fails to start with a PEM that does not parse, without echoing the key", async () => {
    const broken = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----";
    const start = apps.start("sample/jwt-api:jose", { JWT_SECRET: broken });
    await expect(start).rejects.toMatchObject({ code: "APP_CONFIG_INVALID" });
    await expect(start).rejects.not.toThrow("c2VjcmV0");
  });

  it("fails to start when JWT_ALGORITHMS names an algorithm the library lacks", async () => {
    const start = apps.start("sample/jwt-api:jsonwebtoken-9", {
      JWT_SECRET: SECRET,
      JWT_ALGORITHMS: "EdDSA",
    });
    await expect(start).rejects.toMatchObject({ code: "APP_CONFIG_INVALID" });
  });

  it("refuses to listen outside loopback", async () => {
    const start = startSampleApp({ image: "sample/web:no-probe", env: {}, host: "0.0.0.0", port: 0 });
    await expect(start).rejects.toMatchObject({ code: "NON_LOOPBACK_HOST" });
  });

  it("reports a port already in use as APP_LISTEN_FAILED", async () => {
    const first = await apps.start("sample/web:no-probe", {});
    const port = Number(new URL(first.url).port);
    const start = startSampleApp({ image: "sample/web:no-probe", env: {}, host: "127.0.0.1", port });
    await expect(start).rejects.toMatchObject({ code: "APP_LISTEN_FAILED" });
  });

  it("listens on the exact loopback address it was given", async () => {
    const app = await startSampleApp({ image: "sample/web:no-probe", env: {}, host: "127.0.3.9", port: 0 });
    expect(app.url).toMatch(/^http:\/\/127\.0\.3\.9:\d+$/);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    await app.close();
  });

  it("stops answering once closed, even with a keep-alive connection open", async () => {
    const app = await startSampleApp({ image: "sample/web:no-probe", env: {}, host: "127.0.0.1", port: 0 });
    await fetch(`${app.url}/health`, { headers: { connection: "keep-alive" } });
    await app.close();
    await app.close();
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
  });
});

describe("sample/web:no-probe", () => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it("serves / and /health and has no /api/", async () => {
    const app = await apps.start("sample/web:no-probe", { JWT_SECRET: SECRET });
    expect((await fetch(`${app.url}/`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/health`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${app.url}/api/whoami`)).status).toBe(404);
  });
});

describe("sample/jwt-api:no-verify", () => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it("accepts tokens signed with any key, and unsigned ones", async () => {
    const app = await apps.start("sample/jwt-api:no-verify", { JWT_SECRET: SECRET });
    const wrongKey = await callApi(app.url, await signToken(hmacKey("not-the-deployed-secret"), "HS256"));
    expect(wrongKey.status).toBe(200);
    expect((await callApi(app.url, unsignedToken())).status).toBe(200);
  });
});
