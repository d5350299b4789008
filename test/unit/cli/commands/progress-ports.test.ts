import { describe, expect, it } from "vitest";
import type { EnginePorts } from "../../../../cli/commands/cli-deps.js";
import { createProgress } from "../../../../cli/commands/progress-ports.js";

function ports(): EnginePorts {
  return {
    ecs: { describeTasks: async (_cluster: string, arns: readonly string[]) => arns.map((arn) => ({ arn })) },
    probe: { probe: async () => ({ status: "accepted" }) },
  } as unknown as EnginePorts;
}

function terminal(isTTY: boolean) {
  let text = "";
  return { writer: { write: (chunk: string) => (text += chunk), isTTY }, text: () => text };
}

describe("createProgress", () => {
  it("shows counts on one self-erasing stderr line once a run takes over a second", async () => {
    let clock = 0;
    const err = terminal(true);
    const progress = createProgress(err.writer, {}, () => new Date(clock), "verifying prod/jwt");
    const wrapped = progress.wrap(ports());
    await wrapped.ecs.describeTasks("prod", ["a", "b"]);
    expect(err.text()).toBe("");
    clock = 1500;
    await wrapped.probe.probe({ url: "http://127.0.0.1:1/", authorization: "x", timeoutMs: 1 });
    expect(err.text()).toBe("\r\u001b[Kverifying prod/jwt: 2 tasks described, 1 probes answered (2 s)");
    progress.done();
    expect(err.text().endsWith("\r\u001b[K")).toBe(true);
  });

  it("stays silent when stderr is not a terminal, or in CI", async () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: "true" }],
    ] as const) {
      let clock = 0;
      const err = terminal(isTTY);
      const progress = createProgress(err.writer, env, () => new Date(clock), "verifying");
      const wrapped = progress.wrap(ports());
      clock = 5000;
      await wrapped.ecs.describeTasks("prod", ["a"]);
      progress.done();
      expect(err.text()).toBe("");
    }
  });
});
