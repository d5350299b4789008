import { describe, expect, it } from "vitest";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeTarget } from "../../../../lambda/core/probes/probe-run.js";
import type { ProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";
import type { ProbeSigner, SigningKeyLike } from "../../../../lambda/core/probes/probe-signer.js";
import { probeTasks } from "../../../../lambda/core/probes/probe-tasks.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import { aTask } from "../builders.js";
import { createFakeProbe, createStepClock } from "../fake-ports.js";

const settings: ProbeSettings = { path: "/api/me", scheme: "http", optedOut: false, ignoredTags: [] };
const secret = { variable: "JWT_SECRET", container: "app", chosenBy: "only" } as const;

/** Signs `<kind>:<material>` so that a fake task can tell which key signed; counts signatures. */
function materialSigner(): ProbeSigner & { signed: number } {
  const signer = {
    signed: 0,
    async importSigningKey(secretString: string): Promise<SigningKeyLike> {
      return { alg: "HS256", fingerprint: secretString, kid: secretString };
    },
    async signProbeToken(key: SigningKeyLike) {
      signer.signed += 1;
      return `good:${key.kid}`;
    },
    signAlgNoneToken: () => "none",
    async signWrongKeyToken() {
      return "wrong";
    },
  };
  return signer;
}

/** A task that accepts tokens signed with any of `keys`, answering `reason` otherwise. */
function tasksHolding(byHost: Record<string, readonly string[]>) {
  return (request: ProbeRequest): ProbeReport => {
    const host = new URL(request.url).hostname;
    const material = request.authorization.replace("Bearer good:", "");
    return byHost[host]?.includes(material)
      ? { status: "accepted", httpStatus: 200, url: request.url }
      : { status: "rejected", httpStatus: 401, url: request.url, appReason: "invalid signature" };
  };
}

function target(host: string): ProbeTarget {
  return {
    cluster: "prod",
    service: "orders",
    task: aTask({ taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${host}` }),
    settings,
    address: { kind: "resolved", host, port: 8080 },
    key: { kind: "applies", secret },
  };
}

async function run(byHost: Record<string, readonly string[]>, previous: string | null) {
  const signer = materialSigner();
  const probe = createFakeProbe(tasksHolding(byHost));
  const targets = Object.keys(byHost).map(target);
  const results = await probeTasks(
    {
      probe,
      signer,
      clock: createStepClock(new Date("2025-06-01T03:15:00Z")),
      secretString: "new",
      previousSecretString: previous,
      timeoutMs: 1000,
      concurrency: 2,
      securityProbes: false,
    },
    targets,
  );
  const report = (host: string) => results.byTask.get(target(host).task.taskArn);
  return { report, signer, probe };
}

describe("the control token", () => {
  it("proves a task stale when it rejects AWSCURRENT and accepts AWSPREVIOUS", async () => {
    const { report } = await run({ "127.0.0.2": ["old"] }, "old");
    expect(report("127.0.0.2")).toMatchObject({
      status: "rejected",
      control: { status: "accepted" },
      acceptsPrevious: true,
      secret,
    });
  });

  it("calls a task that rejects both keys inconclusive, with the app's reason", async () => {
    const { report } = await run({ "127.0.0.2": [] }, "old");
    expect(report("127.0.0.2")).toMatchObject({
      status: "inconclusive",
      appReason: "invalid signature",
      control: { status: "rejected", appReason: "invalid signature" },
    });
  });

  it("tells a dual-key task by acceptsPrevious", async () => {
    const { report } = await run({ "127.0.0.2": ["new", "old"], "127.0.0.3": ["new"] }, "old");
    expect(report("127.0.0.2")).toMatchObject({ status: "accepted", acceptsPrevious: true });
    expect(report("127.0.0.3")).toMatchObject({ status: "accepted", acceptsPrevious: false });
  });

  it("sends no control token when AWSPREVIOUS is absent or holds the same key", async () => {
    for (const previous of [null, "new"]) {
      const { report, probe } = await run({ "127.0.0.2": [] }, previous);
      expect(report("127.0.0.2")?.status).toBe("rejected");
      expect(report("127.0.0.2")?.control).toBeUndefined();
      expect(probe.requests).toHaveLength(1);
    }
  });

  it("signs each kind of token once per service and reuses it across that service's tasks", async () => {
    const hosts = Object.fromEntries(
      ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"].map((h) => [h, ["old"]]),
    );
    const { signer, probe } = await run(hosts, "old");
    expect(probe.requests).toHaveLength(8);
    expect(signer.signed).toBe(2);
  });
});
