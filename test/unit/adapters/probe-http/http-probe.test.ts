import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpProbe, type SendProbe } from "../../../../lambda/adapters/probe-http/http-probe.js";
import { importSigningKey, type SigningKey } from "../../../../lambda/core/probes/keys/signing-key.js";
import {
  signAlgNoneToken,
  signProbeToken,
  signWrongKeyToken,
} from "../../../../lambda/core/probes/probe-token.js";
import {
  closedPortUrl,
  joseCheck,
  jsonwebtoken8,
  jsonwebtoken9,
  jsonwebtokenCheck,
  startHangingServer,
  startJwtServer,
  startStatusServer,
  type TestServer,
  type TokenCheck,
} from "../../../support/jwt-servers.js";
import { generateTestKeyPair } from "../../../support/jwt-test-keys.js";

const probe = createHttpProbe();
const oldSecret = "old-hmac-signing-secret-before-rotation-0001";
const newSecret = "new-hmac-signing-secret-after-rotation-00002";
const oldRsa = generateTestKeyPair("rsa");
const newRsa = generateTestKeyPair("rsa");
const bytes = (text: string) => new TextEncoder().encode(text);

/** Each verifier a task might run, holding the NEW key (the fleet has picked up the rotation). */
const verifiers: ReadonlyArray<readonly [string, string, TokenCheck, string]> = [
  ["jose", "HS256", joseCheck(bytes(newSecret), ["HS256"]), newSecret],
  ["jsonwebtoken 9", "HS256", jsonwebtokenCheck(jsonwebtoken9, newSecret, ["HS256"]), newSecret],
  ["jsonwebtoken 8", "HS256", jsonwebtokenCheck(jsonwebtoken8, newSecret, ["HS256"]), newSecret],
  ["jose", "RS256", joseCheck(newRsa.publicKey, ["RS256"]), newRsa.pkcs8Pem],
  ["jsonwebtoken 9", "RS256", jsonwebtokenCheck(jsonwebtoken9, newRsa.publicPem, ["RS256"]), newRsa.pkcs8Pem],
  ["jsonwebtoken 8", "RS256", jsonwebtokenCheck(jsonwebtoken8, newRsa.publicPem, ["RS256"]), newRsa.pkcs8Pem],
];

const request = (url: string, token: string) => ({
  url: `${url}/healthz/auth`,
  authorization: `Bearer ${token}`,
  timeoutMs: 2_000,
});

describe.each(verifiers)("a task verifying with %s (%s)", (_library, _alg, check, newMaterial) => {
  let server: TestServer;
  let newKey: SigningKey;
  let oldKey: SigningKey;
  beforeAll(async () => {
    server = await startJwtServer(check);
    newKey = await importSigningKey(newMaterial);
    oldKey = await importSigningKey(newMaterial === newSecret ? oldSecret : oldRsa.pkcs8Pem);
  });
  afterAll(() => server.close());

  it("accepts the verifier's token signed with AWSCURRENT", async () => {
    const token = await signProbeToken(newKey, {}, new Date());
    const started = performance.now();
    const report = await probe.probe(request(server.url, token));
    const elapsedMs = performance.now() - started;
    expect(report).toMatchObject({ status: "accepted", httpStatus: 200, url: `${server.url}/healthz/auth` });
    // The request's own time: a number, never more than the call took (nor a placeholder like -1).
    expect(report.latencyMs).toEqual(expect.any(Number));
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.latencyMs).toBeLessThanOrEqual(Math.ceil(elapsedMs) + 1);
  });

  it("rejects a token signed with the old key with 401", async () => {
    const report = await probe.probe(request(server.url, await signProbeToken(oldKey, {}, new Date())));
    expect(report).toMatchObject({ status: "rejected", httpStatus: 401 });
  });

  it("rejects an alg:none token and a wrong-key token", async () => {
    const none = await probe.probe(request(server.url, signAlgNoneToken({}, new Date())));
    const wrong = await probe.probe(request(server.url, await signWrongKeyToken(newKey, {}, new Date())));
    expect([none.status, wrong.status]).toEqual(["rejected", "rejected"]);
  });
});

describe("probe outcomes other than accept and reject", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2xsb3V0LXZlcmlmaWVyIn0.c2lnbmF0dXJlLXBhcnQ";
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));
  const started = async (server: Promise<TestServer>) => {
    servers.push(await server);
    return servers.at(-1) as TestServer;
  };

  it("reports a timeout when the task never answers", async () => {
    const server = await started(startHangingServer());
    const report = await probe.probe({ ...request(server.url, token), timeoutMs: 200 });
    expect(report).toMatchObject({ status: "timeout", detail: "no response within 200 ms" });
  });

  it("reports refused when nothing listens on the port", async () => {
    const report = await probe.probe(request(await closedPortUrl(), token));
    expect(report).toMatchObject({ status: "refused", detail: "connection refused" });
  });

  it("reports unexpected for a 500 and for a redirect, which it does not follow", async () => {
    const failing = await started(startStatusServer(500));
    const redirecting = await started(startStatusServer(302, { location: "http://127.0.0.1:9/elsewhere" }));
    await expect(probe.probe(request(failing.url, token))).resolves.toMatchObject({
      status: "unexpected",
      httpStatus: 500,
    });
    await expect(probe.probe(request(redirecting.url, token))).resolves.toMatchObject({
      status: "unexpected",
      httpStatus: 302,
    });
  });

  it("accepts only the configured statuses when the service sets probe-expect", async () => {
    const server = await started(startStatusServer(204));
    const accepted = await probe.probe({ ...request(server.url, token), expectStatus: [204] });
    const unexpected = await probe.probe({ ...request(server.url, token), expectStatus: [200] });
    expect([accepted.status, unexpected.status]).toEqual(["accepted", "unexpected"]);
  });

  it("never puts the token into the detail, even when the task echoes it", async () => {
    const server = await started(
      startStatusServer(401, { "www-authenticate": `Bearer error="invalid_token" t="${token}"` }),
    );
    const report = await probe.probe(request(server.url, token));
    expect(report.status).toBe("rejected");
    expect(JSON.stringify(report)).not.toContain(token);
    expect(report.detail).toContain("invalid_token");
  });

  it.each([
    "http://orders-api.internal:8080/healthz",
    "http://localhost:8080/",
    "ftp://127.0.0.1/",
    "not a url",
  ])("refuses to probe %s (not an IP-literal http(s) URL) without sending anything", async (url) => {
    const sendSpy = vi.fn<SendProbe>();
    const report = await createHttpProbe(sendSpy).probe({
      url,
      authorization: `Bearer ${token}`,
      timeoutMs: 100,
    });
    expect(sendSpy).not.toHaveBeenCalled();
    expect(report.status).toBe("error");
    expect(report.detail).not.toContain(token);
  });

  it("probes an IPv6 loopback literal", async () => {
    const report = await probe.probe({
      url: "http://[::1]:1/",
      authorization: `Bearer ${token}`,
      timeoutMs: 500,
    });
    expect(["refused", "error"]).toContain(report.status);
    expect(report.detail).not.toMatch(/IP address/);
  });
});
