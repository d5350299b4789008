import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { CliIo } from "../cli/commands/cli-io.js";
import { createStyle } from "../cli/render/style.js";
import { type LocalVerifier, startLocalVerifier } from "../fleet/lambda/start-local-verifier.js";
import { waitUntilQuiet } from "../fleet/lambda/wait-until-quiet.js";
import { startFleet } from "../fleet/start-fleet.js";
import type { HandlerResult } from "../lambda/core/handle-event.js";
import { fingerprintKey } from "../lambda/core/probes/keys/key-fingerprint.js";
import type { RunReport } from "../lambda/core/report/report.js";
import { checkConvergence } from "./check-convergence.js";
import { createDemoFleet, demoCluster, demoIssueBody, demoServices } from "./demo-services.js";
import { heldKeys, issuingKeys } from "./held-keys.js";
import { renderInvocation } from "./render-invocation.js";
import { renderOutcome } from "./render-outcome.js";
import { gatedService, renderGateOutcome, stageGateScene, wasStopped } from "./stage-gate-scene.js";
import { stagePartialRollout } from "./stage-partial-rollout.js";

/** Pacing: visible in a terminal by default, quick with `--fast` (tests). */
const pacing = {
  visible: { taskStartDelayMs: 500, stepDelayMs: 600, settleTimeoutMs: 120_000 },
  fast: { taskStartDelayMs: 40, stepDelayMs: 30, settleTimeoutMs: 60_000 },
} as const;

/**
 * `npm run demo`: the product's whole job on a local fleet, no AWS account. Stages a rotation that
 * races a rolling deployment, lets EventBridge-routed events invoke the bundled Lambda, watches the
 * forced deployments roll, and checks convergence independently. Exit 0 only if the fleet converged;
 * nothing is left running either way.
 */
export async function runDemo(
  argv: readonly string[],
  io: CliIo,
  options: { readonly newSigningKey?: () => string } = {},
): Promise<number> {
  const style = createStyle(io.stdout, io.env);
  const say = (line = ""): void => void io.stdout.write(`${line}\n`);
  const speed = argv.includes("--fast") ? pacing.fast : pacing.visible;
  const bundlePath = resolve("dist/handler.mjs");
  if (!existsSync(bundlePath)) {
    io.stderr.write(`demo: ${bundlePath} is missing; run \`npm run build\` first (npm run demo does).\n`);
    return 2;
  }
  const outIndex = argv.indexOf("--out");
  const outDir = resolve(outIndex >= 0 ? (argv[outIndex + 1] ?? ".demo") : ".demo");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = {
    report: join(outDir, "report.json"),
    log: join(outDir, "rollout-verifier.log"),
    events: join(outDir, "events.jsonl"),
  };

  say(
    style.bold("ecs-rollout-verifier demo: the whole job on a local fleet (loopback only, no AWS account)"),
  );
  say();
  const fleet = await startFleet({
    taskStartDelayMs: speed.taskStartDelayMs,
    deploymentPacing: { stepDelayMs: speed.stepDelayMs, tasksPerStep: 1 },
    eventsFile: files.events,
  });
  let verifier: LocalVerifier | undefined;
  const clientConfig = {
    endpoint: fleet.endpoint,
    region: fleet.identity.region,
    credentials: { accessKeyId: "demo", secretAccessKey: "demo" },
  };
  const clients = { ecs: new ECSClient(clientConfig), secrets: new SecretsManagerClient(clientConfig) };
  try {
    say(
      `${style.bold("[1/6]")} Local fleet ready at ${fleet.endpoint} (ECS and Secrets Manager APIs, tasks on 127.x.y.z)`,
    );
    const oldKey = options.newSigningKey?.() ?? randomBytes(32).toString("base64url");
    const secretArn = await createDemoFleet(clients, oldKey);
    for (const service of demoServices)
      await fleet.waitForSteadyState(demoCluster, service.name, { timeoutMs: 30_000 });
    say(
      `${style.bold("[2/6]")} Secret demo/jwt-signing-key (key ${fingerprintKey(oldKey)}) and four services that read it at start:`,
    );
    for (const service of demoServices) {
      const probe =
        service.issuePath !== undefined
          ? `signs tokens: verifier asks POST ${service.issuePath} for one`
          : service.probePath
            ? `verifier probes GET ${service.probePath}`
            : "no JWT endpoint: timestamps only";
      say(
        `      ${service.name.padEnd(13)} ${service.desiredCount} tasks  ${service.image.padEnd(30)} ${probe}`,
      );
    }

    verifier = startLocalVerifier(fleet, { bundlePath, logFile: files.log, retryDelaysMs: [1_000, 2_000] });
    // Runs and the gate's lifecycle hooks go to two functions: show both.
    for (const lambda of [verifier.lambda, verifier.gate])
      lambda.onInvocation((record) => {
        say();
        io.stdout.write(renderInvocation(record, style));
      });
    fleet.onEvent((event) => {
      if (event["detail-type"] !== "ECS Deployment State Change") return;
      const service = String(event.resources[0] ?? "")
        .split("/")
        .at(-1);
      say(
        style.dim(
          `  ECS: ${service} ${String(event.detail.eventName)} (${String(event.detail.deploymentId)})`,
        ),
      );
    });
    say(
      style.dim(
        "      verifier deployed: the bundled Lambda (dist/handler.mjs) now receives the stack's EventBridge events",
      ),
    );
    say();

    say(`${style.bold("[3/6]")} A rotation races a rolling deployment`);
    const staged = await stagePartialRollout(fleet, clients);
    say(
      `      billing-api: CI deployment ${staged.pipelineDeployments[0]?.deploymentId} was rolling when the secret rotated`,
    );
    say(
      `      rotate-secret at ${staged.rotatedAt.toISOString()}: AWSCURRENT now key ${fingerprintKey(staged.newKey)}`,
    );
    say(
      "      orders-api: one task failed a health check; ECS starts a replacement (it will read the new key)",
    );
    say(
      `      web-frontend: CI deployment ${staged.pipelineDeployments[1]?.deploymentId} started after the rotation`,
    );
    // The issuer first: its check takes milliseconds, before the verifier's first run replaces anything.
    for (const service of demoServices.filter((entry) => entry.issuePath !== undefined)) {
      const keys = await issuingKeys(
        fleet.runningTasks(demoCluster, service.name),
        service.issuePath ?? "/",
        demoIssueBody,
        { old: oldKey, new: staged.newKey },
      );
      say(
        `      keys ${service.name}'s running tasks sign with now: ${keys.join(", ")}  ${style.dim("<- updated verifiers reject the tokens an 'old' issuer hands out")}`,
      );
    }
    for (const service of demoServices.filter((entry) => entry.probePath)) {
      const keys = await heldKeys(fleet.runningTasks(demoCluster, service.name), service.probePath ?? "/", {
        old: oldKey,
        new: staged.newKey,
      });
      const starting = service.desiredCount - keys.length;
      const note = starting > 0 ? ` (+${starting} still starting)` : "";
      say(
        `      keys held now by ${service.name}'s running tasks: ${keys.join(", ")}${note}  ${style.dim("<- users hitting an 'old' task get 401")}`,
      );
    }
    say();
    say(
      `${style.bold("[4/6]")} EventBridge invokes the verifier; ECS rolls what it forces; completions trigger re-verification`,
    );
    await waitUntilQuiet(fleet, verifier, speed.settleTimeoutMs);

    say();
    say(`${style.bold("[5/6]")} Result`);
    const reports = returnedReports(verifier);
    const cutover = new Date(
      reports.find((report) => report.versionId === staged.newVersionId)?.cutover ?? staged.rotatedAt,
    );
    const keys = { old: oldKey, new: staged.newKey };
    const convergence = await checkConvergence(fleet, keys, cutover);
    io.stdout.write(renderOutcome({ reports, convergence, cutover, files }, style));

    say();
    say(
      `${style.bold("[6/6]")} The deployment gate: a CI deployment that would break users never takes traffic`,
    );
    say(
      `      ${gatedService} now deploys BLUE_GREEN with the verifier as its POST_SCALE_UP hook (the update-service command in docs/deployment-gate.md)`,
    );
    say(
      `      CI deploys a new ${gatedService} revision whose task definition pins the signing key to AWSPREVIOUS`,
    );
    const active = verifier;
    const scene = await stageGateScene(fleet, clients.ecs, secretArn, () =>
      waitUntilQuiet(fleet, active, speed.settleTimeoutMs),
    );
    const after = await checkConvergence(fleet, keys, cutover);
    const stopped = wasStopped(scene);
    say();
    say(`      ${renderGateOutcome(scene, after.converged, style)}`);
    writeFileSync(files.report, `${JSON.stringify(returnedReports(verifier), null, 2)}\n`);
    return convergence.converged && after.converged && stopped ? 0 : 1;
  } catch (error) {
    io.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clients.ecs.destroy();
    clients.secrets.destroy();
    await verifier?.stop();
    await fleet.stop();
  }
}

/** Every RunReport the Lambda returned; a lifecycle hook's answer to ECS carries none. */
function returnedReports(verifier: LocalVerifier): RunReport[] {
  return verifier.lambda.invocations.flatMap((record) => {
    const result = record.result as Partial<HandlerResult> | undefined;
    return record.ok && Array.isArray(result?.reports) ? [...result.reports] : [];
  });
}
