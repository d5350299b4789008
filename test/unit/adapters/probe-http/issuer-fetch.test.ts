import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createIssuerFetch } from "../../../../lambda/adapters/probe-http/issuer-fetch.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("createIssuerFetch", () => {
  it("sends the fixed body with its content type and reads the whole answer", async () => {
    let received = "";
    const origin = await serve((req, res) => {
      req.on("data", (chunk) => {
        received += String(chunk);
      });
      req.on("end", () => res.end(JSON.stringify({ type: req.headers["content-type"], method: req.method })));
    });
    const answer = await createIssuerFetch().fetch({
      url: `${origin}/token`,
      method: "POST",
      body: "client_id=t",
      contentType: "application/x-www-form-urlencoded",
      timeoutMs: 2000,
    });
    expect(received).toBe("client_id=t");
    expect(answer).toMatchObject({
      kind: "answered",
      httpStatus: 200,
      body: JSON.stringify({ type: "application/x-www-form-urlencoded", method: "POST" }),
    });
  });

  it("never follows a redirect: a 302 is the answer", async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(302, { location: "http://example.com/jwks" });
      res.end();
    });
    expect(
      await createIssuerFetch().fetch({ url: `${origin}/jwks`, method: "GET", timeoutMs: 2000 }),
    ).toMatchObject({
      kind: "answered",
      httpStatus: 302,
    });
  });

  it("stops reading past the bound, and at the deadline", async () => {
    const origin = await serve((req, res) => {
      if (req.url === "/big") res.end("x".repeat(4096));
      // /slow never answers
    });
    const fetch = createIssuerFetch(1024);
    expect(await fetch.fetch({ url: `${origin}/big`, method: "GET", timeoutMs: 2000 })).toMatchObject({
      kind: "failed",
      reason: "too-large",
    });
    expect(await fetch.fetch({ url: `${origin}/slow`, method: "GET", timeoutMs: 50 })).toMatchObject({
      kind: "failed",
      reason: "timeout",
    });
  });

  it("refuses a host that is not an IP address without contacting it", async () => {
    const answer = await createIssuerFetch().fetch({
      url: "http://localhost:1/jwks",
      method: "GET",
      timeoutMs: 100,
    });
    expect(answer).toMatchObject({ kind: "failed", reason: "error" });
    expect(answer.kind === "failed" && answer.detail).toContain("not an IP address");
  });
});
