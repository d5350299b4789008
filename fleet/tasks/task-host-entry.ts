/**
 * Entry of one task host process (`node --import tsx task-host-entry.ts`): it hosts many tasks'
 * apps in-process, each a server on its own loopback address, started and closed on the fleet's
 * request (`task-host-messages.ts`). One process holds at most as many listening sockets as its
 * file-descriptor limit allows, so a fleet larger than that spreads its tasks over several hosts.
 * Closes every app and exits when the fleet goes away (IPC disconnect) or on SIGTERM/SIGINT.
 */
import type { RunningApp } from "../apps/start-sample-app.js";
import { startSampleApp } from "../apps/start-sample-app.js";
import type { TaskHostReply, TaskHostRequest } from "./task-host-messages.js";

const apps = new Map<number, RunningApp>();

function reply(message: TaskHostReply): void {
  process.send?.(message);
}

async function handle(request: TaskHostRequest): Promise<void> {
  if (request.type === "start") {
    try {
      const { log, ...options } = request;
      const app = await startSampleApp({
        ...options,
        ...(log ? { log: (line: string) => reply({ type: "log", id: request.id, line }) } : {}),
      });
      apps.set(request.id, app);
      reply({ type: "started", id: request.id, url: app.url });
    } catch (error) {
      const code = error instanceof Error && "code" in error ? String(error.code) : "APP_START_FAILED";
      reply({
        type: "failed",
        id: request.id,
        code,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    return;
  }
  const app = apps.get(request.id);
  apps.delete(request.id);
  await app?.close().catch(() => undefined);
  reply({ type: "closed", id: request.id });
}

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void Promise.all([...apps.values()].map((app) => app.close().catch(() => undefined))).then(() =>
    process.exit(0),
  );
}

process.on("message", (message: TaskHostRequest) => void handle(message));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.once("disconnect", stop);
process.send?.({ type: "ready" });
