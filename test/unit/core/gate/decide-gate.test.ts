import { describe, expect, it } from "vitest";
import { decideGate } from "../../../../lambda/core/gate/decide-gate.js";
import { type GateConfig, GateFailurePolicy, HookStatus } from "../../../../lambda/core/gate/gate-types.js";
import type { GreenEvidence } from "../../../../lambda/core/gate/verify-green-secret.js";
import type { SecurityFindingKind, TaskReport } from "../../../../lambda/core/report/report.js";

const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id}`;

function greenTask(id: string, overrides: Partial<TaskReport> = {}): TaskReport {
  return {
    taskArn: taskArn(id),
    taskDefinition: "orders-api:8",
    lastStatus: "RUNNING",
    createdAt: "2025-06-01T03:20:00.000Z",
    startedAt: "2025-06-01T03:20:10.000Z",
    address: "10.0.1.5:8080",
    verdict: "current",
    evidence: "probe",
    reason: "It accepted a token signed with AWSCURRENT.",
    probe: { status: "accepted", httpStatus: 200 },
    ...overrides,
  };
}

function evidence(
  tasks: readonly TaskReport[],
  findingKinds: readonly SecurityFindingKind[] = [],
): GreenEvidence {
  return {
    secret: {
      arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab",
      name: "prod/orders/jwt-signing-key",
      currentVersionId: "v2",
      previousVersionId: "v1",
      secretString: "current",
      previousSecretString: "previous",
    },
    window: {
      earliest: new Date("2025-06-01T03:14:07Z"),
      latest: new Date("2025-06-01T03:14:07Z"),
      source: "event",
    },
    usage: null,
    probed: true,
    tasks,
    findings: findingKinds.map((kind) => ({
      severity: "critical",
      kind,
      cluster: "orders-prod",
      service: "orders-api",
      taskArn: taskArn("green-1"),
      url: "http://127.0.1.5:8080/health",
    })),
  };
}

const closed: GateConfig = {
  maxWaitSeconds: 300,
  callBackDelaySeconds: 15,
  onError: GateFailurePolicy.Closed,
};
const open: GateConfig = { ...closed, onError: GateFailurePolicy.Open };
const early = { elapsedMs: 1_000 };

/** A green task that answered both the AWSCURRENT and the AWSPREVIOUS token with a rejection. */
const rejectsBothKeys = greenTask("green-2", {
  verdict: "unknown",
  evidence: "timestamps",
  reason: "It rejected both AWSCURRENT and AWSPREVIOUS.",
  probe: { status: "inconclusive", httpStatus: 401 },
});

describe("decideGate", () => {
  it("succeeds when every green task proved AWSCURRENT and refused forged tokens", () => {
    const decision = decideGate([evidence([greenTask("green-1")])], 1, early, closed);
    expect(decision).toMatchObject({ status: HookStatus.Succeeded, byPolicy: false, blocks: [] });
  });

  it("fails a revision whose task accepts a token signed with a wrong key, not only alg none", () => {
    const decision = decideGate([evidence([greenTask("green-1")], ["accepts-wrong-key"])], 1, early, open);
    expect(decision.status).toBe(HookStatus.Failed);
    expect(decision.byPolicy).toBe(false);
    expect(decision.blocks).toEqual([
      {
        secretName: "prod/orders/jwt-signing-key",
        taskArn: taskArn("green-1"),
        why: "critical: it accepted a token signed with a wrong key, so anyone can forge a token it trusts",
        critical: true,
      },
    ]);
  });

  it("fails a revision whose task accepts an unsigned token", () => {
    const decision = decideGate([evidence([greenTask("green-1")], ["accepts-alg-none"])], 1, early, open);
    expect(decision.status).toBe(HookStatus.Failed);
    expect(decision.blocks.map((block) => block.why)).toEqual([
      "critical: it accepted an unsigned token (alg: none), so anyone can forge a token it trusts",
    ]);
  });

  it("hands green tasks that rejected both keys to the failure policy at once: closed fails them", () => {
    const decision = decideGate([evidence([greenTask("green-1"), rejectsBothKeys])], 2, early, closed);
    expect(decision.status).toBe(HookStatus.Failed);
    expect(decision.byPolicy).toBe(true);
    expect(decision.reason).toContain("green-2 (It rejected both AWSCURRENT and AWSPREVIOUS.)");
  });

  it("lets the open policy answer for the same tasks, still marked as the policy's answer", () => {
    const decision = decideGate([evidence([rejectsBothKeys])], 1, early, open);
    expect(decision).toMatchObject({ status: HookStatus.Succeeded, byPolicy: true });
  });

  it("waits on a green task that does not answer yet, rather than judging it unknown", () => {
    const starting = greenTask("green-3", {
      verdict: "unknown",
      probe: { status: "refused", detail: "connection refused" },
    });
    const decision = decideGate([evidence([starting])], 1, early, closed);
    expect(decision.status).toBe(HookStatus.InProgress);
    expect(decision.reason).toContain("green-3 (connection refused)");
  });

  it("fails a revision with a stale green task, whatever the failure policy", () => {
    const stale = greenTask("green-4", { verdict: "stale", reason: "It holds AWSPREVIOUS only." });
    const decision = decideGate([evidence([stale])], 1, early, open);
    expect(decision).toMatchObject({ status: HookStatus.Failed, byPolicy: false });
    expect(decision.blocks).toEqual([
      {
        secretName: "prod/orders/jwt-signing-key",
        taskArn: taskArn("green-4"),
        why: "It holds AWSPREVIOUS only.",
        critical: false,
      },
    ]);
  });

  it("waits on a task that is not RUNNING yet, naming its status", () => {
    const pending = greenTask("green-5", { verdict: "pending", lastStatus: "PROVISIONING" });
    const decision = decideGate([evidence([pending])], 1, early, closed);
    expect(decision).toMatchObject({ status: HookStatus.InProgress, byPolicy: false, blocks: [] });
    expect(decision.reason).toBe("Waiting for the new tasks: green-5 is PROVISIONING.");
  });

  it("waits while no green task runs at all", () => {
    const decision = decideGate([evidence([])], 0, early, closed);
    expect(decision.status).toBe(HookStatus.InProgress);
    expect(decision.reason).toContain("no task of the new revision is running yet");
  });

  it("keeps waiting on a starting task even when another already rejected both keys", () => {
    const starting = greenTask("green-3", { verdict: "unknown", probe: { status: "timeout" } });
    const decision = decideGate([evidence([rejectsBothKeys, starting])], 2, early, closed);
    expect(decision.status).toBe(HookStatus.InProgress);
  });

  it("asks ECS back no later than the maximum wait, and lets the policy decide once it is reached", () => {
    const starting = greenTask("green-3", {
      verdict: "unreachable",
      probe: { status: "refused", detail: "refused" },
    });
    const nearly = decideGate([evidence([starting])], 1, { elapsedMs: 295_500 }, closed);
    expect(nearly).toMatchObject({ status: HookStatus.InProgress, callBackDelay: 5, byPolicy: false });
    const reached = decideGate([evidence([starting, rejectsBothKeys])], 2, { elapsedMs: 300_000 }, closed);
    expect(reached).toMatchObject({ status: HookStatus.Failed, byPolicy: true });
    expect(reached.reason).toContain(
      "still undecided after 300 s: green-3 (refused); green-2 (It rejected both AWSCURRENT and AWSPREVIOUS.)",
    );
  });

  it("fails a revision whose task definition pins the secret, as a non-critical block", () => {
    const pinned: GreenEvidence = {
      ...evidence([greenTask("green-1")]),
      usage: { references: [], pin: { pinned: true, pin: "version stage AWSPREVIOUS" } },
    };
    const decision = decideGate([pinned], 1, early, open);
    expect(decision.status).toBe(HookStatus.Failed);
    expect(decision.blocks).toEqual([
      expect.objectContaining({
        taskArn: null,
        critical: false,
        why: expect.stringContaining("AWSPREVIOUS"),
      }),
    ]);
  });

  it("says what the success rests on: probes when any secret has a probe path, else task definition and time", () => {
    const probed = decideGate([evidence([greenTask("green-1")])], 1, early, closed);
    expect(probed.reason).toBe(
      "1 new task(s) hold AWSCURRENT of prod/orders/jwt-signing-key and refused forged tokens.",
    );
    const unprobed = { ...evidence([greenTask("green-1")]), probed: false };
    expect(decideGate([unprobed], 1, early, closed).reason).toContain("no probe path is configured");
    expect(decideGate([unprobed, evidence([greenTask("green-1")])], 1, early, closed).reason).toContain(
      "and refused forged tokens",
    );
  });
});
