import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { type CryptoKey, jwtVerify, type KeyObject } from "jose";
import type jsonwebtoken from "jsonwebtoken";

/**
 * Real token-verifying HTTP servers on 127.0.0.1 for tests: a task's `/healthz/auth` as a service
 * would write it with jose or jsonwebtoken (8 and 9). They answer 200 for a valid Bearer token,
 * 401 otherwise, exactly what the verifier's probe has to tell apart.
 */

/** Verifies a token, resolving true when the service would accept it. */
export type TokenCheck = (token: string) => Promise<boolean>;

const require = createRequire(import.meta.url);
/** jsonwebtoken 9, the current major. */
export const jsonwebtoken9 = require("jsonwebtoken") as typeof jsonwebtoken;
/** jsonwebtoken 8.5.1 (npm alias `jsonwebtoken-8`): still common in services that never upgraded. */
export const jsonwebtoken8 = require("jsonwebtoken-8") as typeof jsonwebtoken;

/** A jose `jwtVerify` check pinned to the expected algorithms, as a careful service does. */
export function joseCheck(key: CryptoKey | KeyObject | Uint8Array, algorithms: string[]): TokenCheck {
  return async (token) => {
    try {
      await jwtVerify(token, key, { algorithms });
      return true;
    } catch {
      return false;
    }
  };
}

/** A jsonwebtoken `verify` check (PEM or secret), pinned to the expected algorithms. */
export function jsonwebtokenCheck(
  lib: typeof jsonwebtoken,
  key: string | Buffer,
  algorithms: jsonwebtoken.Algorithm[],
): TokenCheck {
  return async (token) => {
    try {
      lib.verify(token, key, { algorithms });
      return true;
    } catch {
      return false;
    }
  };
}

/** A running loopback server and its base URL (`http://127.0.0.1:port`). */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Tokens the server received (to check what was sent, never to log). */
  readonly received: string[];
  close(): Promise<void>;
}

/** Starts a server answering 200 to an accepted Bearer token and 401 (with WWW-Authenticate) otherwise. */
export function startJwtServer(check: TokenCheck): Promise<TestServer> {
  const received: string[] = [];
  return listen((request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (token !== undefined) received.push(token);
    void (token === undefined ? Promise.resolve(false) : check(token)).then((ok) => {
      if (!ok) response.setHeader("www-authenticate", 'Bearer error="invalid_token"');
      response
        .writeHead(ok ? 200 : 401, { "content-type": "text/plain" })
        .end(ok ? "ok" : "invalid signature");
    });
  }, received);
}

/** Starts a server that answers every request with a fixed status (and optional headers). */
export function startStatusServer(status: number, headers: Record<string, string> = {}): Promise<TestServer> {
  return listen((_request, response) => response.writeHead(status, headers).end());
}

/** Starts a server that accepts connections and never answers: the probe must time out. */
export function startHangingServer(): Promise<TestServer> {
  return listen(() => undefined);
}

/** A loopback URL whose port was just free: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = await listen(() => undefined);
  await server.close();
  return server.url;
}

function listen(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  received: string[] = [],
): Promise<TestServer> {
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      const close = () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      resolve({ url: `http://127.0.0.1:${port}`, port, server, received, close });
    });
  });
}
