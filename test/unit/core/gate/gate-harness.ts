import type { GateRecord } from "../../../../lambda/core/gate/gate-types.js";
import type { GateSupport, InvocationDeps } from "../../../../lambda/core/invocation-deps.js";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeReport, RunReport } from "../../../../lambda/core/report/report.js";
import type { SecretReference, TaskSnapshot } from "../../../../lambda/core/snapshots.js";
import type { VerifierConfig } from "../../../../lambda/core/verifier-config.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { loadAwsFixture } from "../aws-fixtures.js";
import {
  aDeployment,
  aService,
  aTask,
  aTaskDefinition,
  clusterArn,
  currentVersion,
  cutover,
  previousVersion,
  secretArn,
  taskDefinitionArn,
} from "../builders.js";
import {
  createFakeEcs,
  createFakeProbe,
  createFakeSecrets,
  createFakeSigner,
  createStepClock,
} from "../fake-ports.js";

/** The documented POST_SCALE_UP payload (fresh copy). */
export function hookPayload(edit: (payload: Record<string, unknown>) => void = () => undefined) {
  const payload = loadAwsFixture("lambda/ecs-lifecycle-hook-post-scale-up.json");
  edit(payload);
  return payload;
}

/** AWSPREVIOUS's value: the control token (`previous.<claims>`) is signed with it. */
const previousMaterial = '{"signingKey":"old"}';

export const revisionArn =
  "arn:aws:ecs:eu-west-1:123456789012:service-revision/orders-prod/orders-api/9313423515462893900";
export const greenDeploymentId = "ecs-svc/5550000000000000001";
const deployedAt = new Date("2025-06-10T12:00:00Z");

/** Green task `n` (1-based): on orders-api:43, started by the green deployment, after the cut-over. */
export function greenTask(n: number, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return aTask({
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/green${n}0000000000000000000000000000`,
    taskDefinitionArn: taskDefinitionArn("orders-api:43"),
    startedBy: greenDeploymentId,
    createdAt: new Date(deployedAt.getTime() + 5_000),
    startedAt: new Date(deployedAt.getTime() + 20_000),
    privateIpv4Address: `10.0.2.${n}`,
    ...overrides,
  });
}

const followsCurrent: SecretReference[] = [
  {
    container: "orders-api",
    source: "secrets",
    name: "JWT_SIGNING_KEY",
    valueFrom: `${secretArn}:signingKey::`,
  },
];

export interface GateScenario {
  readonly greenTasks?: TaskSnapshot[];
  /** The green revision's references; default: follows AWSCURRENT. */
  readonly references?: SecretReference[];
  /** How the tasks answer; default: accept the current key, reject forged tokens. */
  readonly answer?: (request: ProbeRequest) => ProbeReport;
  readonly config?: Partial<VerifierConfig>;
  readonly failRevisions?: boolean;
  readonly failDeployments?: boolean;
  /** DescribeServiceDeployments' `startedAt`. @default the deployment's creation; null: not started */
  readonly deploymentStartedAt?: Date | null;
  /** Extra tasks of the service (blue tasks of a redeploy, for instance). */
  readonly otherTasks?: TaskSnapshot[];
  /** The gate's time limit in ms. @default no limit */
  readonly timeLimitMs?: number;
  /** The clock's first reading. @default just after the green tasks started */
  readonly now?: Date;
}

export function acceptCurrentOnly(request: ProbeRequest): ProbeReport {
  return request.authorization.startsWith("Bearer good.")
    ? { status: "accepted", url: request.url, httpStatus: 200 }
    : { status: "rejected", url: request.url, httpStatus: 401 };
}

/** A blue/green deployment of orders-api:43 over a blue orders-api:42 fleet, behind fake ports. */
export function gateScenario(scenario: GateScenario = {}) {
  const blue = [
    aTask(),
    aTask({ taskArn: `${aTask().taskArn.slice(0, -4)}b2b2`, privateIpv4Address: "10.0.1.24" }),
  ];
  const green = scenario.greenTasks ?? [greenTask(1), greenTask(2)];
  const ecs = createFakeEcs({
    clusters: {
      [clusterArn]: {
        services: [
          aService({
            taskDefinitionArn: taskDefinitionArn("orders-api:43"),
            deployments: [
              aDeployment({
                id: greenDeploymentId,
                taskDefinitionArn: taskDefinitionArn("orders-api:43"),
                createdAt: deployedAt,
                rolloutState: "IN_PROGRESS",
              }),
              aDeployment({ status: "ACTIVE" }),
            ],
          }),
        ],
        tasks: [...blue, ...green, ...(scenario.otherTasks ?? [])],
      },
    },
    taskDefinitions: [
      aTaskDefinition(),
      aTaskDefinition({
        arn: taskDefinitionArn("orders-api:43"),
        revision: 43,
        secretReferences: scenario.references ?? followsCurrent,
      }),
    ],
  });
  const secrets = createFakeSecrets(
    {
      arn: secretArn,
      name: "prod/orders/jwt-signing-key",
      versionIdsToStages: { [currentVersion]: ["AWSCURRENT"], [previousVersion]: ["AWSPREVIOUS"] },
      lastChangedDate: cutover,
    },
    { arn: secretArn, versionId: currentVersion, secretString: '{"signingKey":"k"}', createdDate: cutover },
    { arn: secretArn, versionId: previousVersion, secretString: previousMaterial },
  );
  const probe = createFakeProbe(scenario.answer ?? acceptCurrentOnly);
  const revisionCalls: string[] = [];
  const deploymentCalls: string[] = [];
  const records: GateRecord[] = [];
  const logged: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const published: RunReport[] = [];
  const gate: GateSupport = {
    revisions: {
      async describeServiceRevision(arn) {
        revisionCalls.push(arn);
        if (scenario.failRevisions)
          throw new AwsCallError(
            "DescribeServiceRevisions",
            arn,
            new Error("ThrottlingException: Rate exceeded"),
          );
        return {
          serviceRevisionArn: arn,
          serviceArn: aService().serviceArn,
          clusterArn,
          taskDefinitionArn: taskDefinitionArn("orders-api:43"),
        };
      },
      async describeServiceDeployment(arn) {
        deploymentCalls.push(arn);
        if (scenario.failDeployments)
          throw new AwsCallError(
            "DescribeServiceDeployments",
            arn,
            new Error("AccessDeniedException: not authorized to perform ecs:DescribeServiceDeployments"),
          );
        return {
          serviceDeploymentArn: arn,
          createdAt: deployedAt,
          startedAt: scenario.deploymentStartedAt === undefined ? deployedAt : scenario.deploymentStartedAt,
        };
      },
    },
    sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise(() => undefined)),
    timeLimitMs: () => scenario.timeLimitMs ?? Number.POSITIVE_INFINITY,
    record: (record) => records.push(record),
  };
  const deps: InvocationDeps = {
    ecs,
    secrets,
    probe,
    signer: createFakeSigner({ previousMaterial }),
    clock: createStepClock(scenario.now ?? new Date(deployedAt.getTime() + 60_000)),
    newId: () => "run-1",
    config: {
      dryRun: false,
      maxRedeploysPerRun: 25,
      probeTimeoutMs: 2000,
      probeConcurrency: 4,
      probePath: "/whoami",
      securityProbes: true,
      bridgeAddresses: true,
      awsConcurrency: 4,
      ...scenario.config,
    },
    log: {
      info: (message, attributes) => logged.push({ level: "info", message, attributes }),
      error: (message, attributes) => logged.push({ level: "error", message, attributes }),
    },
    publish: (report) => published.push(report),
    gate,
  };
  return {
    deps,
    ecs,
    secrets,
    probe,
    revisionCalls,
    deploymentCalls,
    records,
    logged,
    published,
    deployedAt,
  };
}
