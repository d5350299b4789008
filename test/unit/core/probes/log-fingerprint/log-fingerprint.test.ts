import { describe, expect, it } from "vitest";
import { classifyTask } from "../../../../../lambda/core/judgement/classify-task.js";
import type { LogLineRequest, LogsPort } from "../../../../../lambda/core/ports.js";
import { fingerprintKey } from "../../../../../lambda/core/probes/keys/key-fingerprint.js";
import {
  chooseLogStream,
  readLogFingerprintPrefix,
} from "../../../../../lambda/core/probes/log-fingerprint/log-fingerprint-settings.js";
import { probeLogFingerprints } from "../../../../../lambda/core/probes/log-fingerprint/probe-log-fingerprints.js";
import type { ProbeTarget } from "../../../../../lambda/core/probes/probe-run.js";
import type { CutoverWindow } from "../../../../../lambda/core/secret/cutover-window.js";
import { aTask, aTaskDefinition, cutover } from "../../builders.js";

const current = "new-hmac-key-material-0123456789";
const previous = "old-hmac-key-material-9876543210";
const prefix = "key fingerprint:";
const exact: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };

function target(taskId: string, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    cluster: "prod",
    service: "worker",
    task: aTask({
      taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${taskId}`,
      createdAt: cutover,
      startedAt: cutover,
    }),
    settings: { scheme: "http", optedOut: false, ignoredTags: [], fingerprintLog: prefix },
    address: { kind: "unresolved", reason: "no port" },
    key: { kind: "not-applicable", reason: "no port" },
    logStream: { kind: "stream", logGroupName: "/ecs/worker", logStreamName: `ecs/worker/${taskId}` },
    ...overrides,
  };
}

function logsWith(lines: Record<string, string | undefined>): LogsPort & { requests: LogLineRequest[] } {
  const requests: LogLineRequest[] = [];
  return {
    requests,
    async findLine(request) {
      requests.push(request);
      const line = lines[request.logStreamName];
      if (line === undefined) return { kind: "no-stream" };
      return line.includes(request.contains)
        ? { kind: "found", message: line }
        : { kind: "not-found", pagesRead: 1, complete: true };
    },
  };
}

describe("probeLogFingerprints", () => {
  const context = (logs: LogsPort | undefined) => ({
    logs,
    secretString: current,
    previousSecretString: previous,
    concurrency: 2,
  });

  it("matches the logged fingerprint with AWSCURRENT's, AWSPREVIOUS's or neither", async () => {
    const logs = logsWith({
      "ecs/worker/new": `2025-06-01T03:14:20Z worker up, ${prefix} ${fingerprintKey(current)}`,
      "ecs/worker/old": `${prefix}${fingerprintKey(previous)} ready`,
      "ecs/worker/other": `${prefix} ${fingerprintKey("another key")}`,
      "ecs/worker/silent": "started, nothing else",
    });
    const reports = await probeLogFingerprints(context(logs), [
      target("new"),
      target("old"),
      target("other"),
      target("silent"),
      target("gone"),
    ]);
    const match = (id: string) => reports.get(`arn:aws:ecs:eu-west-1:123456789012:task/prod/${id}`);
    expect(match("new")).toMatchObject({
      kind: "log",
      match: "current",
      fingerprint: fingerprintKey(current),
    });
    expect(match("old")).toMatchObject({
      kind: "log",
      match: "previous",
      fingerprint: fingerprintKey(previous),
    });
    expect(match("other")).toMatchObject({ match: "neither" });
    expect(match("silent")).toMatchObject({ match: "failed" });
    expect(match("silent")?.detail).toContain("no line with the fingerprint prefix");
    expect(match("gone")?.detail).toContain("does not exist");
    expect(logs.requests.every((request) => request.contains === prefix && request.maxPages > 0)).toBe(true);
    const text = JSON.stringify([...reports.values()]);
    expect(text).not.toContain(current);
    expect(text).not.toContain(previous);
    expect(text).not.toContain("worker up");
  });

  it("reports why a task's log was not read", async () => {
    const noPort = await probeLogFingerprints(context(undefined), [target("a")]);
    expect([...noPort.values()][0]).toMatchObject({ match: "skipped" });
    const unnamed = await probeLogFingerprints(context(logsWith({})), [
      target("b", { logStream: { kind: "none", reason: "no prefix" } }),
    ]);
    expect([...unnamed.values()][0]?.detail).toBe("not read: no prefix");
    const failing: LogsPort = {
      findLine: async () => {
        throw Object.assign(new Error("denied"), { name: "AccessDeniedException" });
      },
    };
    const failed = await probeLogFingerprints(context(failing), [target("c")]);
    expect([...failed.values()][0]).toMatchObject({ match: "failed" });
  });
});

describe("chooseLogStream and the tag", () => {
  const task = aTask({ taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123abcd" });
  it("names prefix/container/task-id from the awslogs options of the container reading the secret", () => {
    const definition = aTaskDefinition({
      containers: [
        { name: "app", portMappings: [], awsLogs: { group: "/ecs/app", streamPrefix: "ecs" } },
        { name: "sidecar", portMappings: [], awsLogs: { group: "/ecs/side", streamPrefix: "side" } },
      ],
    });
    expect(chooseLogStream(definition, task, { container: "app", jsonKey: "jwt" })).toEqual({
      kind: "stream",
      logGroupName: "/ecs/app",
      logStreamName: "ecs/app/0123abcd",
      jsonKey: "jwt",
    });
    expect(chooseLogStream(definition, task, {})).toMatchObject({ kind: "none" });
    const noPrefix = aTaskDefinition({
      containers: [{ name: "app", portMappings: [], awsLogs: { group: "/g" } }],
    });
    expect(chooseLogStream(noPrefix, task, { container: "app" })).toMatchObject({ kind: "none" });
  });

  it("reads the prefix tag, refusing an empty one", () => {
    expect(readLogFingerprintPrefix({ "rollout-verifier:fingerprint-log": " key: " })).toEqual({
      prefix: "key:",
      ignoredTags: [],
    });
    expect(readLogFingerprintPrefix({ "rollout-verifier:fingerprint-log": " " }).ignoredTags).toHaveLength(1);
  });
});

describe("classifyTask with a logged fingerprint", () => {
  const inWindow = aTask({ createdAt: cutover, startedAt: cutover });
  const judge = (match: "current" | "previous" | "neither" | "failed") =>
    classifyTask(
      {
        task: inWindow,
        pin: { pinned: false },
        probe: {
          status: "skipped",
          detail: "no probe path",
          issuer: [{ kind: "log", match, detail: `log ${match}` }],
        },
      },
      exact,
    );
  it("proves a task started inside the cut-over window current or stale", () => {
    expect(judge("current")).toMatchObject({ verdict: "current", evidence: "log-fingerprint" });
    expect(judge("previous")).toMatchObject({ verdict: "stale", evidence: "log-fingerprint" });
    expect(judge("neither")).toMatchObject({ verdict: "unknown", evidence: "log-fingerprint" });
    const failed = judge("failed");
    expect(failed).toMatchObject({ verdict: "unknown", evidence: "none" });
    expect(failed.reason).toContain("log failed");
  });
});
