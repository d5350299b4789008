import { describe, expect, it } from "vitest";
import { renderRunReport } from "../../../../cli/render/render-run-report.js";
import { createStyle } from "../../../../cli/render/style.js";
import type { ProbeReport, TaskReport } from "../../../../lambda/core/report/report.js";
import { aReport, aService, aTask } from "../report-builder.js";

const plain = createStyle({ write: () => {}, isTTY: false }, {});

function task(
  id: string,
  verdict: string,
  evidence: TaskReport["evidence"],
  probe: ProbeReport = { status: "skipped" },
): TaskReport {
  return { ...aTask(id, verdict), evidence, probe };
}

/** The VERDICT cell of the row of task `id`: the table's columns are two spaces apart at least. */
function verdictOf(text: string, id: string): string | undefined {
  const row = text.split("\n").find((line) => line.trim().startsWith(id));
  return row?.trim().split(/ {2,}/)[4];
}

const runtimeFetch: ProbeReport = {
  status: "rejected",
  httpStatus: 401,
  secret: { variable: "(runtime fetch)", container: "app", chosenBy: "runtime-fetch" },
};

const tasks = [
  task("t-probe", "stale", "probe", { status: "rejected", httpStatus: 401 }),
  task("t-issuer", "stale", "issuer-probe", { status: "skipped" }),
  task("t-jwks", "current", "jwks"),
  task("t-log-old", "stale", "log-fingerprint"),
  task("t-log-new", "current", "log-fingerprint"),
  task("t-times", "stale", "timestamps", { status: "timeout" }),
  task("t-version", "current", "version-id"),
  task("t-forged", "unknown", "accepts-any-token", { status: "accepted", httpStatus: 200 }),
  task("t-pending", "pending", "task-status"),
  task("t-pinned", "pinned", "task-definition"),
  task("t-none", "unknown", "none"),
  task("t-cache", "refreshing", "probe", runtimeFetch),
  task("t-cache-old", "stale", "probe", runtimeFetch),
  task("t-legacy", "current", undefined),
];

describe("verify's VERDICT column names the evidence kind", () => {
  const text = renderRunReport(
    aReport([{ ...aService("orders", "redeploy", []), tasks }]),
    { noProbe: false },
    plain,
  );

  it.each([
    // The PROBE column shows the verifier probe's answer: no label.
    ["t-probe", "stale"],
    ["t-issuer", "stale (issuer)"],
    ["t-jwks", "current (jwks)"],
    ["t-log-old", "stale (log-fingerprint)"],
    ["t-log-new", "current (log-fingerprint)"],
    ["t-times", "stale (timestamps)"],
    ["t-version", "current (version-id)"],
    ["t-forged", "unknown (accepts any token)"],
    // Evidence the verdict implies is not repeated.
    ["t-pending", "pending"],
    ["t-pinned", "pinned"],
    ["t-none", "unknown"],
    // A runtime-fetch consumer: its cache TTL, not its start, decides; the cell says so.
    ["t-cache", "refreshing (runtime fetch)"],
    ["t-cache-old", "stale (runtime fetch)"],
    // A report written before `evidence` shows the bare verdict.
    ["t-legacy", "current"],
  ])("%s: %s", (id, cell) => {
    expect(verdictOf(text, id)).toBe(cell);
  });

  it("keeps the verdict word first, so scripts matching it still match", () => {
    for (const row of text.split("\n").filter((line) => line.trim().startsWith("t-"))) {
      const cell = row.trim().split(/ {2,}/)[4] ?? "";
      expect(cell.split(" ")[0]).toMatch(/^(current|stale|unknown|pending|pinned|refreshing)$/);
    }
  });
});
