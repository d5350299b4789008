import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type LocalVerifier, startLocalVerifier } from "../../../fleet/lambda/start-local-verifier.js";
import { waitUntilQuiet } from "../../../fleet/lambda/wait-until-quiet.js";
import type { Scenario } from "../../../fleet/scenario/scenario.js";
import type { CallLogEntry } from "../../../fleet/server-call-log.js";
import { type Fleet, type StartFleetOptions, startFleet } from "../../../fleet/start-fleet.js";
import { productUserAgent } from "../../../lambda/adapters/aws/aws-clients.js";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { RunReport, ServiceReport } from "../../../lambda/core/report/report.js";

/** The bundle `npm test` builds first: the very file the CDK stack deploys. */
const bundlePath = resolve("dist/handler.mjs");

/** Fast pacing for tests: tasks RUNNING in 30 ms, rolling steps every 10 ms. */
const fastFleet: StartFleetOptions = { taskStartDelayMs: 30, deploymentPacing: { stepDelayMs: 10 } };

/** A fresh fleet with the bundled verifier subscribed to its events, plus real SDK clients. */
export interface Harness {
  readonly fleet: Fleet;
  readonly verifier: LocalVerifier;
  readonly logFile: string;
  readonly secrets: SecretsManagerClient;
  readonly ecs: ECSClient;
  /** Every report the function returned, oldest first. */
  reports(): RunReport[];
  /** The service's entry in the latest report that covers it. */
  latestServiceReport(service: string): ServiceReport | undefined;
  /** UpdateService calls with forceNewDeployment that the product made (by its user agent), per service name. */
  forcedDeployments(service?: string): CallLogEntry[];
  /** Waits until no invocation is pending and no deployment is rolling, twice in a row. */
  settle(timeoutMs?: number): Promise<void>;
  readonly log: () => string;
  stop(): Promise<void>;
}

/** Options of `startHarness`. */
export interface HarnessOptions {
  /** Verifier configuration (`VERIFIER_*`). */
  readonly config?: Record<string, string>;
  /** Fleet options over the fast test pacing. */
  readonly fleet?: StartFleetOptions;
  /**
   * Wait for every scenario service to reach a steady state and for the verifier to handle the set-up
   * events (their deployments completing) before returning, so that a test's rotation is the only
   * news the verifier gets afterwards. @default true
   */
  readonly awaitSetup?: boolean;
  /** The function's timeout: its run budget comes from the time it has left. @default 300_000 */
  readonly lambdaTimeoutMs?: number;
}

export async function startHarness(scenario: Scenario, options: HarnessOptions = {}): Promise<Harness> {
  const fleet = await startFleet({ ...fastFleet, ...options.fleet, scenario });
  const logFile = join(mkdtempSync(join(tmpdir(), "verifier-")), "rollout-verifier.log");
  const verifier = startLocalVerifier(fleet, {
    bundlePath,
    logFile,
    retryDelaysMs: [200, 400],
    ...(options.lambdaTimeoutMs === undefined ? {} : { timeoutMs: options.lambdaTimeoutMs }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const clientConfig = {
    endpoint: fleet.endpoint,
    region: fleet.identity.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  };
  const secrets = new SecretsManagerClient(clientConfig);
  const ecs = new ECSClient(clientConfig);
  if (options.awaitSetup !== false)
    await awaitSetup(scenario, fleet, verifier).catch(async (error: unknown) => {
      await verifier.stop();
      await fleet.stop();
      throw error;
    });
  const reports = () =>
    verifier.lambda.invocations.flatMap((record) =>
      record.ok ? [...((record.result as HandlerResult).reports ?? [])] : [],
    );
  return {
    fleet,
    verifier,
    logFile,
    secrets,
    ecs,
    reports,
    latestServiceReport: (service) =>
      reports()
        .flatMap((report) => report.services)
        .filter((entry) => entry.service === service)
        .at(-1),
    forcedDeployments: (service) =>
      fleet.callLog
        .entries({ operation: "UpdateService", userAgent: productUserAgent })
        .filter((entry) => entry.input.forceNewDeployment === true)
        .filter((entry) => service === undefined || String(entry.input.service).endsWith(service)),
    settle: (timeoutMs = 20_000) => waitUntilQuiet(fleet, verifier, timeoutMs),
    log: () => readFileSync(logFile, "utf8"),
    stop: async () => {
      secrets.destroy();
      ecs.destroy();
      await verifier.stop();
      await fleet.stop();
    },
  };
}

async function awaitSetup(scenario: Scenario, fleet: Fleet, verifier: LocalVerifier): Promise<void> {
  for (const service of scenario.services ?? [])
    await fleet.waitForSteadyState(String(service.cluster ?? "default"), String(service.serviceName));
  await waitUntilQuiet(fleet, verifier, 20_000);
}
