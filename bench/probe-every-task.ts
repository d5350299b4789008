import { request } from "node:http";
import { SignJWT } from "jose";
import type { TaskEndpoint } from "../fleet/task-endpoints.js";

/** How the tasks answered one JWT request each, by HTTP status (or `error`). */
export type AnswerCounts = Readonly<Record<string, number>>;

/** Bench-wide bound on one request: a task that does not answer in time counts as `error`. */
const requestTimeoutMs = 5_000;

/**
 * Sends one request with a real HS256 JWT signed with `key` to every task, `concurrency` at a time.
 * Connections are not kept alive (`agent: false`), so the memory measured afterwards is the fleet's,
 * not the client's socket pool. Refuses any address outside 127.0.0.0/8.
 */
export async function probeEveryTask(
  tasks: readonly TaskEndpoint[],
  key: string,
  concurrency = 32,
): Promise<AnswerCounts> {
  const token = await new SignJWT({ sub: "bench" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(key));
  const counts: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let task = tasks[next++]; task !== undefined; task = tasks[next++]) {
      const outcome = await askTask(task, token);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return counts;
}

function askTask(task: TaskEndpoint, token: string): Promise<string> {
  if (!task.address.startsWith("127.")) throw new Error(`refusing non-loopback task address ${task.address}`);
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: task.address,
        port: task.port,
        path: "/api/bench",
        agent: false,
        timeout: requestTimeoutMs,
        headers: { authorization: `Bearer ${token}` },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.statusCode)));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", () => resolve("error"));
    outgoing.end();
  });
}
