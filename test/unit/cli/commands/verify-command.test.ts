import { describe, expect, it } from "vitest";
import { runCli } from "../../../../bin/cli.js";
import type { CliDeps } from "../../../../cli/commands/cli-deps.js";
import { noProbeDetail } from "../../../../cli/commands/skip-probe-port.js";
import { readConfig } from "../../../../lambda/config.js";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { RunReport } from "../../../../lambda/core/report/report.js";
import { secretArn } from "../../core/builders.js";
import { scenarioHarness } from "../../core/engine-harness.js";
import { bufferIo } from "../buffer-io.js";

type Harness = ReturnType<typeof scenarioHarness>;

function depsOf(harness: Harness): CliDeps {
  const { ecs, secrets, probe, signer, clock, newId } = harness.deps;
  return {
    now: () => clock.now(),
    newId,
    secrets: async () => secrets,
    engine: async () => ({ ecs, secrets, probe, signer }),
  };
}

async function verify(argv: string[], harness = scenarioHarness()) {
  const buffers = bufferIo();
  const code = await runCli(["verify", "--secret-id", secretArn, ...argv], buffers.io, depsOf(harness));
  return { code, out: buffers.stdout(), err: buffers.stderr(), harness };
}

describe("verify command", () => {
  it("prints the same report the Lambda returns for the same direct invocation", async () => {
    const { code, out } = await verify(["--json"]);
    const lambda = await handleEvent(
      { secretId: secretArn, dryRun: true },
      { ...scenarioHarness().deps, config: readConfig({}), log: { info() {}, error() {} }, publish() {} },
    );
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(lambda.reports[0])));
  });

  it("is read-only by default: plans the redeploy as dry-run and forces nothing", async () => {
    const { out, harness } = await verify(["--json"]);
    const report = JSON.parse(out) as RunReport;
    expect(report.dryRun).toBe(true);
    expect(report.services.find((service) => service.service === "orders-api")?.action).toBe("dry-run");
    expect(harness.ecs.forced).toEqual([]);
  });

  it("forces the deployment with --redeploy", async () => {
    const { harness } = await verify(["--redeploy", "--json"]);
    expect(harness.ecs.forced.map((forced) => forced.service)).toEqual(["orders-api"]);
  });

  it("contacts no task with --no-probe and says why on every task", async () => {
    const { out, harness } = await verify(["--no-probe", "--json"]);
    const report = JSON.parse(out) as RunReport;
    expect(harness.probe.requests).toEqual([]);
    const probed = report.services
      .flatMap((service) => service.tasks)
      .filter((task) => task.probe.url !== undefined);
    for (const task of probed) expect(task.probe.detail).toBe(noProbeDetail);
  });

  it("renders a table per service and a one-line verdict, exit 1 when not converged", async () => {
    const { code, out } = await verify([]);
    expect(code).toBe(1);
    expect(out).toContain("orders-api");
    expect(out).toMatch(/TASK\s+TASK DEF\s+STARTED/);
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^NOT CONVERGED: .*redeploy/);
    expect(out).not.toContain("\u001b[");
  });

  it("exits 2 for a bad VERIFIER_* configuration, naming the variable", async () => {
    const buffers = bufferIo({ env: { VERIFIER_PROBE_PATH: "health" } });
    const code = await runCli(["verify", "--secret-id", secretArn], buffers.io, depsOf(scenarioHarness()));
    expect(code).toBe(2);
    expect(buffers.stderr()).toContain("VERIFIER_PROBE_PATH");
  });

  it("exits 3 naming the secret when it does not exist", async () => {
    const buffers = bufferIo();
    const code = await runCli(
      ["verify", "--secret-id", "prod/absent"],
      buffers.io,
      depsOf(scenarioHarness()),
    );
    expect(code).toBe(3);
    expect(buffers.stderr()).toContain("prod/absent");
  });
});
