import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpProbe } from "../../../../lambda/adapters/probe-http/http-probe.js";

const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2xsb3V0LXZlcmlmaWVyIn0.c2lnbmF0dXJlLXBhcnQ";

/** A loopback server that counts the TCP connections it accepted. */
interface CountingServer {
  readonly url: string;
  readonly connections: () => number;
  readonly open: () => number;
  readonly close: () => Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    ),
  );
});

function startCountingServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  port = 0,
  host = "127.0.0.1",
): Promise<CountingServer> {
  const server = createServer(handle);
  servers.push(server);
  let connections = 0;
  let open = 0;
  server.on("connection", (socket) => {
    connections += 1;
    open += 1;
    socket.on("close", () => {
      open -= 1;
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}`,
        connections: () => connections,
        open: () => open,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const request = (url: string) => ({ url: `${url}/auth`, authorization: `Bearer ${token}`, timeoutMs: 2_000 });
const until = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1)
    await new Promise((done) => setTimeout(done, 10));
};

describe("the probe's node:http transport", () => {
  it("sends a task's three probes over one connection and closes it when the task is released", async () => {
    const server = await startCountingServer((_request, response) => response.writeHead(401).end("no"));
    const probe = createHttpProbe();
    for (let index = 0; index < 3; index += 1) await probe.probe(request(server.url));
    expect(server.connections()).toBe(1);
    probe.release?.(`${server.url}/auth`);
    await until(() => server.open() === 0);
    expect(server.open()).toBe(0);
  });

  it("opens a new connection for an address probed again after its release", async () => {
    const server = await startCountingServer((_request, response) => response.writeHead(200).end("ok"));
    const probe = createHttpProbe();
    await probe.probe(request(server.url));
    probe.release?.(server.url);
    await expect(probe.probe(request(server.url))).resolves.toMatchObject({ status: "accepted" });
    expect(server.connections()).toBe(2);
  });

  it("probes a port on the Fetch standard's blocked list (10080)", async () => {
    // A loopback address of its own, so parallel test runs never compete for the port.
    const host = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.9`;
    const server = await startCountingServer(
      (_request, response) => response.writeHead(200).end("ok"),
      10080,
      host,
    );
    const report = await createHttpProbe().probe(request(server.url));
    expect(report).toMatchObject({ status: "accepted", httpStatus: 200, url: `http://${host}:10080/auth` });
  });

  it("hands back the status, the headers and a bounded excerpt of the body, without the token", async () => {
    const body = JSON.stringify({ error: "jwt audience invalid", echo: token, padding: "x".repeat(5_000) });
    const server = await startCountingServer((_request, response) =>
      response.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" }).end(body),
    );
    const outcome = await createHttpProbe().probe(request(server.url));
    expect(outcome).toMatchObject({ status: "rejected", httpStatus: 401 });
    expect(outcome.answer?.headers["content-type"]).toBe("application/json");
    expect(outcome.answer?.bodyExcerpt).toContain("jwt audience invalid");
    expect(outcome.answer?.bodyExcerpt.length).toBeLessThanOrEqual(1_024);
    expect(JSON.stringify(outcome.answer)).not.toContain(token);
  });

  it("stops reading an endless body at the excerpt and still reports the status", async () => {
    const server = await startCountingServer((_request, response) => {
      response.writeHead(401, { "content-type": "text/plain" });
      const chunk = "y".repeat(16_384);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on("close", () => clearInterval(timer));
    });
    const outcome = await createHttpProbe().probe(request(server.url));
    expect(outcome).toMatchObject({ status: "rejected", httpStatus: 401 });
    expect(outcome.answer?.bodyExcerpt.length).toBe(1_024);
  });

  it("times out a task that sends headers and then stalls its body", async () => {
    const server = await startCountingServer((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("partial");
    });
    const outcome = await createHttpProbe().probe({ ...request(server.url), timeoutMs: 200 });
    expect(outcome).toMatchObject({ status: "timeout", detail: "no response within 200 ms" });
  });

  it("sends one request per probe: a dropped connection is an error, never retried", async () => {
    let requests = 0;
    const server = await startCountingServer((incoming) => {
      requests += 1;
      incoming.socket.destroy();
    });
    const outcome = await createHttpProbe().probe(request(server.url));
    expect(outcome.status).toBe("error");
    expect(requests).toBe(1);
  });
});
