import { createServer, type RequestListener } from "node:http";
import { isIPv4 } from "node:net";
import { AppListenError, NonLoopbackHostError } from "./app-errors.js";

/** A started task server. `close` stops listening and drops open keep-alive connections; calling it twice is harmless. */
export interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

/** True for IP literals in 127.0.0.0/8 and `::1`; names such as `localhost` are refused (they may resolve elsewhere). */
export function isLoopbackHost(host: string): boolean {
  return (isIPv4(host) && host.startsWith("127.")) || host === "::1";
}

/**
 * Serves `listener` on exactly `host:port` (port 0 picks a free one).
 * @throws NonLoopbackHostError before opening anything when `host` is not loopback.
 * @throws AppListenError when the address cannot be bound (in use, not available).
 */
export async function listenOnLoopback(
  listener: RequestListener,
  host: string,
  port: number,
): Promise<RunningApp> {
  if (!isLoopbackHost(host)) throw new NonLoopbackHostError(host);
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (cause) => reject(new AppListenError(host, port, cause)));
    server.listen({ host, port, exclusive: true }, () => resolve());
  });
  server.removeAllListeners("error");
  const address = server.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
