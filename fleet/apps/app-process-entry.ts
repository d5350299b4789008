/**
 * Entry of one task's child process (`node --import tsx app-process-entry.ts <image> <host> <port>`).
 * Like a container, the app's configuration is this process's environment, read once at start.
 * Exits on SIGTERM/SIGINT after closing its server, and when the parent goes away.
 */
import type { AppProcessMessage } from "./app-process-messages.js";
import { startSampleApp } from "./start-sample-app.js";

const [image = "", host = "", port = ""] = process.argv.slice(2);

function send(message: AppProcessMessage): void {
  process.send?.(message);
}

function environment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

try {
  const app = await startSampleApp({ image, env: environment(), host, port: Number(port) });
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.once("disconnect", stop);
  send({ type: "ready", url: app.url });
} catch (error) {
  const code = error instanceof Error && "code" in error ? String(error.code) : "APP_START_FAILED";
  send({ type: "failed", code, message: error instanceof Error ? error.message : String(error) });
  process.disconnect?.();
  process.exitCode = 1;
}
