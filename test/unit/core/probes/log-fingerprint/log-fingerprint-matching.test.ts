import { describe, expect, it } from "vitest";
import type { LogsPort } from "../../../../../lambda/core/ports.js";
import { fingerprintKey } from "../../../../../lambda/core/probes/keys/key-fingerprint.js";
import {
  type LogFingerprintContext,
  probeLogFingerprints,
} from "../../../../../lambda/core/probes/log-fingerprint/probe-log-fingerprints.js";
import type { ProbeTarget } from "../../../../../lambda/core/probes/probe-run.js";
import { aTask, cutover } from "../../builders.js";

const current = "new-hmac-key-material-0123456789";
const previous = "old-hmac-key-material-9876543210";
const other = fingerprintKey("a third key");
const prefix = "key fingerprint:";
const arn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/prod/${id}`;

function target(taskId: string, fingerprintLog: string | null = prefix): ProbeTarget {
  return {
    cluster: "prod",
    service: "worker",
    task: aTask({ taskArn: arn(taskId), createdAt: cutover, startedAt: cutover }),
    settings: {
      scheme: "http",
      optedOut: false,
      ignoredTags: [],
      fingerprintLog: fingerprintLog ?? undefined,
    },
    address: { kind: "unresolved", reason: "no port" },
    key: { kind: "not-applicable", reason: "no port" },
    logStream: { kind: "stream", logGroupName: "/ecs/worker", logStreamName: taskId },
  };
}

const logsOf = (lines: Record<string, string>): LogsPort => ({
  findLine: async (request) => {
    const line = lines[request.logStreamName];
    return line === undefined ? { kind: "no-stream" } : { kind: "found", message: line };
  },
});

function context(
  lines: Record<string, string>,
  extra: Partial<LogFingerprintContext> = {},
): LogFingerprintContext {
  return {
    logs: logsOf(lines),
    secretString: current,
    previousSecretString: previous,
    concurrency: 1,
    ...extra,
  };
}

async function one(line: string, extra: Partial<LogFingerprintContext> = {}) {
  const reports = await probeLogFingerprints(context({ t: line }, extra), [target("t")]);
  return reports.get(arn("t"));
}

describe("probeLogFingerprints reading the logged fingerprint", () => {
  it("reads a fingerprint followed by more text, and one at the end of the line", async () => {
    expect(await one(`${prefix} ${fingerprintKey(current)} ready`)).toMatchObject({
      match: "current",
      fingerprint: fingerprintKey(current),
    });
    expect(await one(`${prefix} ${fingerprintKey(current)}`)).toMatchObject({ match: "current" });
  });

  it("refuses 17 hex digits: not a fingerprint", async () => {
    const report = await one(`${prefix} ${fingerprintKey(current)}0`);
    expect(report).toMatchObject({ match: "failed" });
    expect(report?.detail).toBe(
      "its startup line holds the prefix but no fingerprint (sha256: + 16 hex digits) after it",
    );
    expect(report).not.toHaveProperty("fingerprint");
  });

  it("reads the fingerprint after the prefix, not one earlier in the line", async () => {
    const report = await one(`config ${other} loaded, ${prefix} ${fingerprintKey(current)}`);
    expect(report).toMatchObject({ match: "current", fingerprint: fingerprintKey(current) });
  });

  it("is neither for another fingerprint, naming AWSPREVIOUS's or its absence", async () => {
    const report = await one(`${prefix} ${other}`);
    expect(report).toMatchObject({ match: "neither", fingerprint: other });
    expect(report?.detail).toBe(
      `It logged at start a fingerprint (${other}) that is neither AWSCURRENT's (${fingerprintKey(current)}) nor AWSPREVIOUS's (${fingerprintKey(previous)}).`,
    );
    const noPrevious = await one(`${prefix} ${other}`, { previousSecretString: null });
    expect(noPrevious).toMatchObject({ match: "neither" });
    expect(noPrevious?.detail).toBe(
      `It logged at start a fingerprint (${other}) that is neither AWSCURRENT's (${fingerprintKey(current)}) nor AWSPREVIOUS's (absent).`,
    );
  });

  it("reads only the tasks whose service tags a fingerprint prefix", async () => {
    const line = `${prefix} ${fingerprintKey(current)}`;
    const reports = await probeLogFingerprints(context({ a: line, b: line }), [
      target("a"),
      target("b", null),
    ]);
    expect([...reports.keys()]).toEqual([arn("a")]);
  });

  it("skips every task once the run's probing time is spent", async () => {
    const report = await one(`${prefix} ${fingerprintKey(current)}`, { outOfTime: () => true });
    expect(report).toEqual({
      kind: "log",
      match: "skipped",
      detail: "not read: the run's probing time is spent",
    });
  });
});
