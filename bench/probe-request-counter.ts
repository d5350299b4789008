import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

/** Counts the HTTP requests this process's servers receive on one path, while it is started. */
export interface ProbeRequestCounter {
  /** Requests received on the path since the counter started. */
  count(): number;
  stop(): void;
}

const requestStart = "http.server.request.start";

/**
 * Counts requests for `path` at every `node:http` server of this process, through Node's
 * diagnostics channel. The benchmark's task servers run in-process, so this is what they actually
 * received: the function's probe requests per task are measured, not assumed (the control token
 * and the security probes change how many a task gets).
 */
export function startProbeRequestCounter(path: string): ProbeRequestCounter {
  let received = 0;
  const onRequest = (message: unknown) => {
    const url = (message as { request?: IncomingMessage }).request?.url ?? "";
    if (url === path || url.startsWith(`${path}?`)) received += 1;
  };
  subscribe(requestStart, onRequest);
  return {
    count: () => received,
    stop: () => {
      unsubscribe(requestStart, onRequest);
    },
  };
}
