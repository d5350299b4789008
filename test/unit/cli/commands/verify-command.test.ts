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

/** The fixture scenario with every service opted in to forced deployments, as the stack requires. */
function optedIn(): Harness {
  return scenarioHarness({
    edit: (state) => {
      for (const cluster of Object.values(state.clusters))
        cluster.services = cluster.services.map((service) => ({
          ...service,
          tags: { ...service.tags, "rollout-verifier:redeploy": "true" },
        }));
    },
  });
}

async function verify(argv: string[], harness = optedIn()) {
  const buffers = bufferIo();
  const code = await runCli(["verify", "--secret-id", secretArn, ...argv], buffers.io, depsOf(harness));
  return { code, out: buffers.stdout(), err: buffers.stderr(), harness };
}

describe("verify command", () => {
  it("prints the same report the stack's Lambda returns for the same direct invocation", async () => {
    const { code, out } = await verify(["--json", "--redeploy"], scenarioHarness());
    const stackEnv = { VERIFIER_REDEPLOY_TAG: "rollout-verifier:redeploy=true" };
    const lambda = await handleEvent(
      { secretId: secretArn, dryRun: false },
      {
        ...scenarioHarness().deps,
        config: readConfig(stackEnv),
        log: { info() {}, error() {} },
        publish() {},
      },
    );
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(lambda.reports[0])));
  });

  it("forces only opted-in services by default, as the stack does: an untagged one is blocked", async () => {
    const { code, out, err, harness } = await verify(["--redeploy", "--json"], scenarioHarness());
    const report = JSON.parse(out) as RunReport;
    expect(code).toBe(1);
    expect(harness.ecs.forced).toEqual([]);
    expect(report.services.find((service) => service.service === "orders-api")).toMatchObject({
      verdict: "blocked",
      reason: expect.stringContaining("rollout-verifier:redeploy=true"),
    });
    expect(err).toBe("");
  });

  it("names the stack's default in the text output", async () => {
    const { out } = await verify(["--redeploy"], scenarioHarness());
    expect(out).toMatch(
      /^Mode\s+redeploy: only services tagged rollout-verifier:redeploy=true \(the stack's default\)$/m,
    );
  });

  it("forces untagged services only with --no-redeploy-tag, and says so on stderr and in the output", async () => {
    const { out, err, harness } = await verify(["--redeploy", "--no-redeploy-tag"], scenarioHarness());
    expect(harness.ecs.forced.map((forced) => forced.service)).toEqual(["orders-api"]);
    expect(err).toContain(
      "--redeploy forces every service that needs it, opt-in tag or not (--no-redeploy-tag",
    );
    expect(out).toContain("--no-redeploy-tag overrides the stack's default");
  });

  it("takes another opt-in tag with --redeploy-tag KEY=VALUE, and exits 2 for a malformed one", async () => {
    const { out, harness } = await verify(["--redeploy", "--redeploy-tag", "team=sre", "--json"]);
    expect(harness.ecs.forced).toEqual([]);
    const blocked = (JSON.parse(out) as RunReport).services.find(
      (service) => service.service === "orders-api",
    );
    expect(blocked?.reason).toContain("team=sre");
    expect((await verify(["--redeploy", "--redeploy-tag", "no-equals-sign"])).code).toBe(2);
    expect((await verify(["--redeploy-tag", "a=b", "--no-redeploy-tag"])).code).toBe(2);
  });

  it("takes --output json as an alias of --json, and refuses other formats", async () => {
    const aliased = await verify(["--output", "json"]);
    expect((JSON.parse(aliased.out) as RunReport).secretArn).toBe(secretArn);
    const bad = await verify(["--output", "yaml"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--output takes json or text, got "yaml".');
  });

  it("scopes the run to one service with --service, and exits 4 when no such service reads the secret", async () => {
    const { out } = await verify(["--service", "orders-api", "--json"]);
    expect((JSON.parse(out) as RunReport).services.map((service) => service.service)).toEqual(["orders-api"]);
    const typo = await verify(["--service", "orders-apii"]);
    expect(typo.code).toBe(4);
    expect(typo.out).toMatch(
      /NO CONSUMERS: .* A typo in --secret-id, --cluster or --service looks like this/,
    );
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

  it("exits 2 for a --timeout or --interval that is not a positive number of seconds", async () => {
    for (const argv of [
      ["--wait", "--timeout", "soon"],
      ["--wait", "--interval", "0"],
    ]) {
      const { code, err } = await verify(argv);
      expect(code).toBe(2);
      expect(err).toMatch(/^--(timeout|interval) takes a number of seconds > 0/);
    }
  });

  it("exits 2 for a bad VERIFIER_* configuration, naming the variable", async () => {
    const buffers = bufferIo({ env: { VERIFIER_PROBE_PATH: "health" } });
    const code = await runCli(["verify", "--secret-id", secretArn], buffers.io, depsOf(optedIn()));
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
