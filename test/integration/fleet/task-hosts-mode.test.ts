import { describe, expect, it } from "vitest";
import { createTaskHostPool } from "../../../fleet/tasks/task-host-pool.js";

const env = { JWT_SECRET: "task-hosts-key-0123456789abcdef" };

describe("task hosts", () => {
  it("spreads in-process task servers over child host processes, each on its own loopback address, and ends them on close", async () => {
    const pool = createTaskHostPool({ tasksPerHost: 2 });
    try {
      const apps = await Promise.all(
        ["127.91.0.1", "127.91.0.2", "127.91.0.3"].map((host) =>
          pool.startApp({ image: "sample/jwt-api:jose", env, host, port: 0 }),
        ),
      );
      expect(pool.hostCount()).toBe(2);
      for (const app of apps) expect((await fetch(`${app.url}/health`)).status).toBe(200);
      await apps[0]?.close();
      await expect(fetch(`${apps[0]?.url}/health`)).rejects.toThrow();
      await expect(
        pool.startApp({ image: "sample/jwt-api:jose", env, host: "0.0.0.0", port: 0 }),
      ).rejects.toMatchObject({ code: "NON_LOOPBACK_HOST" });
      await expect(
        pool.startApp({ image: "sample/jwt-api:jose", env: {}, host: "127.91.0.4", port: 0 }),
      ).rejects.toMatchObject({ code: "APP_CONFIG_INVALID" });
      // A container's stdout comes back over IPC, for the fleet's CloudWatch Logs.
      const lines: string[] = [];
      await pool.startApp({
        image: "sample/worker:fingerprint",
        env,
        host: "127.91.0.5",
        port: 0,
        log: (line) => lines.push(line),
      });
      await expect.poll(() => lines.some((line) => line.includes("key fingerprint: sha256:"))).toBe(true);
      await pool.close();
      await expect(fetch(`${apps[1]?.url}/health`)).rejects.toThrow();
    } finally {
      await pool.close();
    }
  }, 60_000);
});
