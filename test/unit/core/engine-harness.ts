import type { VerificationRequest } from "../../../lambda/core/intake/verification-request.js";
import type { EngineDeps } from "../../../lambda/core/invocation-deps.js";
import type { ProbeRequest } from "../../../lambda/core/ports.js";
import type { ProbeReport } from "../../../lambda/core/report/report.js";
import type { CutoverHint } from "../../../lambda/core/secret/cutover-window.js";
import { clusterArn, currentVersion, cutover, secretArn } from "./builders.js";
import {
  createFakeEcs,
  createFakeProbe,
  createFakeSecrets,
  createFakeSigner,
  createStepClock,
  type FakeEcsState,
} from "./fake-ports.js";
import { loadFixtureScenario } from "./fixture-scenario.js";

/** The secret value of the scenario: a JSON document whose `signingKey` field the apps read. */
export const secretString = JSON.stringify({ signingKey: "fixture-hs256-key-do-not-use-0123456789abcdef" });

/** The Secret Label Updated cut-over of the scenario. */
export const exactHint: CutoverHint = { time: cutover, timing: "at-cutover", versionId: currentVersion };

/** A request with the zero-config defaults; tests override what they are about. */
export function aRequest(overrides: Partial<VerificationRequest> = {}): VerificationRequest {
  return {
    secretId: secretArn,
    trigger: { kind: "secret-label-updated", eventId: "4a8c2e6f", eventTime: cutover.toISOString() },
    cutoverHint: exactHint,
    dryRun: false,
    maxRedeploysPerRun: 25,
    awsConcurrency: 4,
    bridgeAddresses: true,
    probe: { timeoutMs: 2000, concurrency: 4, securityProbes: true },
    ...overrides,
  };
}

/** Everything a test may want to inspect after a run. */
export interface Harness {
  readonly deps: EngineDeps;
  readonly ecs: ReturnType<typeof createFakeEcs>;
  readonly probe: ReturnType<typeof createFakeProbe>;
  readonly signer: ReturnType<typeof createFakeSigner>;
}

/** The fixture scenario behind fake ports; `state` edits the snapshots, `answer` plays the tasks. */
export function scenarioHarness(
  options: {
    edit?: (state: FakeEcsState) => void;
    answer?: (request: ProbeRequest) => ProbeReport;
    failForce?: boolean;
    unusableKey?: boolean;
    secretString?: string;
  } = {},
): Harness {
  const scenario = loadFixtureScenario();
  const state: FakeEcsState = {
    clusters: { [clusterArn]: { services: scenario.services, tasks: scenario.tasks } },
    taskDefinitions: scenario.taskDefinitions,
    hosts: {},
  };
  options.edit?.(state);
  const ecs = createFakeEcs(state, { failForce: options.failForce ?? false });
  const value = {
    arn: secretArn,
    versionId: currentVersion,
    secretString: options.secretString ?? secretString,
    createdDate: new Date("2025-06-01T03:14:07.412Z"),
  };
  const probe = createFakeProbe(
    options.answer ?? (() => ({ status: "skipped", detail: "unexpected probe" })),
  );
  const signer = createFakeSigner({ unusableKey: options.unusableKey ?? false });
  const deps: EngineDeps = {
    ecs,
    secrets: createFakeSecrets(scenario.description, value),
    probe,
    clock: createStepClock(new Date("2025-06-01T03:15:15Z")),
    signer,
    newId: () => "run-1",
  };
  return { deps, ecs, probe, signer };
}
