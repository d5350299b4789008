import { describe, expect, it } from "vitest";
import { runCli } from "../../../bin/cli.js";
import type { CliDeps } from "../../../cli/commands/cli-deps.js";
import type { LogSearch } from "../../../cli/logs/logged-reports.js";
import { renderRunReport } from "../../../cli/render/render-run-report.js";
import { createStyle } from "../../../cli/render/style.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { bufferIo } from "./buffer-io.js";
import { aReport, aService } from "./report-builder.js";

const plain = createStyle({ write: () => true }, {});

async function cli(argv: string[], deps: Partial<CliDeps> = {}) {
  const buffers = bufferIo();
  const code = await runCli(argv, buffers.io, {
    now: () => new Date("2026-05-01T12:00:00.000Z"),
    newId: () => "id",
    secrets: () => Promise.reject(new Error("no AWS in this test")),
    engine: () => Promise.reject(new Error("no AWS in this test")),
    ...deps,
  });
  return { code, out: buffers.stdout(), err: buffers.stderr() };
}

describe("option errors", () => {
  it("say what is wrong in one clean sentence, with the closest option", async () => {
    const typo = await cli(["verify", "--secret", "prod/jwt"]);
    expect(typo.code).toBe(2);
    expect(typo.err).toBe(
      "Unknown option --secret. Did you mean --secret-id? See: rollout-verifier verify --help\n",
    );
    const missing = await cli(["diagnose", "--secret-id", "x", "--output"]);
    expect(missing.err).toBe("--output needs a value. See: rollout-verifier diagnose --help\n");
    const dashed = await cli(["verify", "--secret-id", "x", "--timeout", "-5"]);
    expect(dashed.err).toBe(
      "--timeout needs a value; for a value that starts with a dash, write --timeout=VALUE. See: rollout-verifier verify --help\n",
    );
    expect((await cli(["verfy"])).err).toMatch(/^Unknown command "verfy". Did you mean verify\?/);
    expect((await cli(["report", "--secretid", "x"])).err).toContain("Did you mean --secret-id?");
  });

  it("accept --output json on every command", async () => {
    const token = `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from('{"sub":"a"}').toString("base64url")}.c2ln`;
    const decoded = await cli(["decode", token, "--output", "json"]);
    expect(JSON.parse(decoded.out)).toMatchObject({ header: { alg: "HS256" } });
    for (const command of ["fingerprint", "diagnose", "report", "verify"]) {
      const bad = await cli([command, "--output", "yaml"]);
      expect(bad.err).toContain('--output takes json or text, got "yaml"');
    }
  });
});

describe("the run report's text", () => {
  const stale = {
    ...aService(
      "billing",
      "blocked",
      ["stale"],
      "It lacks the tag rollout-verifier:redeploy=true required for forced deployments: add the tag or redeploy it yourself.",
    ),
    cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/prod-api",
    serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/prod-api/billing",
  };
  const many = aService(
    "orders",
    "converged",
    Array.from({ length: 300 }, () => "current"),
  );
  const report = aReport([many, stale]);

  it("summarizes a converged service in one line unless --all", () => {
    const text = renderRunReport(report, { noProbe: false }, plain);
    expect(text).toContain("300 tasks: 300 current (--all lists them)");
    expect(text.split("\n").length).toBeLessThan(20);
    expect(renderRunReport(report, { noProbe: false, all: true }, plain).split("\n").length).toBeGreaterThan(
      300,
    );
  });

  it("fits table rows to the terminal's width", () => {
    const long = aReport([
      { ...stale, tasks: stale.tasks.map((task) => ({ ...task, reason: "x".repeat(200) })) },
    ]);
    const lines = renderRunReport(long, { noProbe: false, width: 100 }, plain).split("\n");
    const rows = lines.filter((line) => line.includes("billing-0") || line.startsWith("  TASK"));
    expect(rows.length).toBe(2);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(100);
    expect(rows[1]).toMatch(/…$/);
  });

  it("gives the exact command wherever it tells the operator to act", () => {
    const text = renderRunReport(report, { noProbe: false }, plain);
    expect(text).toContain(
      "Next: rollout-verifier verify --secret-id prod/jwt --cluster prod-api --service billing --redeploy --no-redeploy-tag --wait",
    );
    expect(text).toContain(
      "aws ecs tag-resource --resource-arn arn:aws:ecs:eu-west-1:123456789012:service/prod-api/billing --tags key=rollout-verifier:redeploy,value=true",
    );
    const dryRun = aReport([{ ...aService("orders", "redeploy", ["stale"]), action: "dry-run" }]);
    expect(renderRunReport(dryRun, { noProbe: false }, plain)).toContain(
      "Next: rollout-verifier verify --secret-id prod/jwt --cluster prod --service orders --redeploy --wait",
    );
  });

  it("names a mistyped --cluster once, with advice for the command line, not the function's settings", () => {
    const gap = {
      scope: "cluster" as const,
      cluster: "prod-apii",
      resource: "prod-apii",
      operation: "ListServices",
      errorCode: "ClusterNotFoundException",
      detail:
        "the cluster does not exist (deleted?): it was skipped and the other clusters verified; remove it from the verifier's clusters.",
      taskArns: [],
    };
    const text = renderRunReport(aReport([], { gaps: [gap] }), { noProbe: false }, plain);
    expect(text).toContain(
      "GAP cluster prod-apii: ListServices ClusterNotFoundException: no cluster prod-apii",
    );
    expect(text).toContain("check --cluster");
    expect(text).not.toContain("prod-apii/prod-apii");
    expect(text).not.toContain("remove it from the verifier's clusters");
    expect(renderRunReport(aReport([], { gaps: [gap] }), { noProbe: false, logged: true }, plain)).toContain(
      "remove it from the verifier's clusters",
    );
  });
});

describe("report", () => {
  const older = aReport([aService("orders", "redeploy", ["stale"])], {
    runId: "first",
    finishedAt: "2026-05-01T11:05:01.000Z",
  });
  const newer = aReport([aService("orders", "converged", ["current"])], {
    runId: "second",
    finishedAt: "2026-05-01T11:20:00.000Z",
  });

  /** The log lines Powertools would write for `reports`, as CloudWatch Logs returns the messages. */
  function logged(reports: readonly RunReport[]): string[] {
    return reports.flatMap((report) => {
      const { services, securityFindings, gaps, ...header } = report;
      return [
        "START RequestId: 1 Version: $LATEST",
        JSON.stringify({
          level: "INFO",
          message: "rollout verification summary",
          ...header,
          services: services.map((service) => ({ service: service.service })),
          securityFindings: securityFindings.length,
          findings: securityFindings,
          gaps,
        }),
        ...services.map((service, index) =>
          JSON.stringify({
            level: "INFO",
            message: "rollout verification service",
            runId: report.runId,
            secretName: report.secretName,
            index,
            part: 0,
            parts: 1,
            serviceReport: service,
          }),
        ),
        "END RequestId: 1",
      ];
    });
  }

  function logsDeps(lines: string[], searches: LogSearch[], outputs: Record<string, string> = {}) {
    return {
      logs: async () => ({
        logs: {
          async *messages(search: LogSearch) {
            searches.push(search);
            yield* lines;
          },
        },
        stacks: { outputs: async () => outputs },
      }),
    };
  }

  it("reads the log group from the stack's output and shows the latest run, as verify shows one", async () => {
    const searches: LogSearch[] = [];
    const deps = logsDeps(logged([older, newer]), searches, { LogGroupName: "/aws/lambda/verifier" });
    const { code, out } = await cli(["report", "--secret-id", "prod/jwt"], deps);
    expect(code).toBe(0);
    expect(searches[0]).toMatchObject({
      logGroupName: "/aws/lambda/verifier",
      startTime: Date.parse("2026-04-30T12:00:00.000Z"),
    });
    expect(searches[0]?.filterPattern).toContain('$.secretName = "prod/jwt"');
    expect(out).toMatch(/^Run {7}second {2}direct/);
    expect(out).toContain("ALL CURRENT");
    expect(out).not.toContain("first");
    const both = await cli(["report", "--log-group", "g", "--runs", "2", "--output", "json"], deps);
    expect((JSON.parse(both.out) as RunReport[]).map((report) => report.runId)).toEqual(["first", "second"]);
  });

  it("exits 4 and says how to widen the search when the range holds no report", async () => {
    const { code, err } = await cli(["report", "--log-group", "g", "--since", "2h"], logsDeps([], []));
    expect(code).toBe(4);
    expect(err).toContain("No run report in g since 2026-05-01T10:00:00.000Z. Widen --since");
  });
});
