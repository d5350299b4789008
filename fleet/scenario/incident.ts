import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { ConfigEnv } from "../../lambda/config-names.js";
import type { Fleet, StartFleetOptions } from "../fleet-api.js";
import { type LocalVerifier, startLocalVerifier } from "../lambda/start-local-verifier.js";
import { startFleet } from "../start-fleet.js";
import { appContainer, fargateTaskDefinition } from "./fargate-task-definition.js";
import type { Scenario } from "./scenario.js";

/** The names the On-call section of docs/operations.md uses, so its steps run verbatim here. */
export const incident = {
  secret: "prod/jwt-signing",
  cluster: "prod-api",
  /** Opted in to forced deployments (`rollout-verifier:redeploy=true`). */
  optedIn: "orders",
  /** Not opted in: a stale one is `blocked`, as the shipped cdk.json's `requireRedeployTag` makes it. */
  blocked: ["billing", "invoices", "search"],
  audience: "orders",
} as const;

/** Where `npm run fleet -- --scenario incident` leaves what an on-call engineer would have. */
export interface IncidentFiles {
  /** The local function's log: its CloudWatch log group on the fleet. */
  readonly log: string;
  /** A token a client sent and a stale task rejected with 401: what step 1 pastes. */
  readonly failingToken: string;
}

/** A running incident: the fleet, the verifier deployed as the shipped cdk.json configures it, its files. */
export interface IncidentFleet {
  readonly fleet: Fleet;
  readonly verifier: LocalVerifier;
  readonly files: IncidentFiles;
  stop(): Promise<void>;
}

export interface IncidentOptions {
  /** The verifier bundle. @default "dist/handler.mjs" */
  readonly bundlePath?: string;
  /** Folder of the log and the token. @default ".fleet" */
  readonly dir?: string;
  /** The cdk.json whose context configures the function. @default "cdk.json" */
  readonly cdkJson?: string;
  /** Extra fleet options (tests: fast task starts). */
  readonly fleetOptions?: StartFleetOptions;
}

const arn = (fleet: { identity: { account: string; region: string } }) =>
  `arn:aws:secretsmanager:${fleet.identity.region}:${fleet.identity.account}:secret:${incident.secret}`;

function scenario(): Scenario {
  const probe = { key: "rollout-verifier:probe-path", value: "/api/orders" };
  const optIn = { key: "rollout-verifier:redeploy", value: "true" };
  const network = { awsvpcConfiguration: { subnets: ["subnet-0incident"] } };
  // A partial ARN in valueFrom, as most task definitions name a secret (the fleet resolves it).
  const valueFrom = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${incident.secret}`;
  const service = (serviceName: string, desiredCount: number, tags: { key: string; value: string }[]) => ({
    cluster: incident.cluster,
    serviceName,
    taskDefinition: "api",
    desiredCount,
    launchType: "FARGATE",
    networkConfiguration: network,
    tags,
  });
  return {
    secrets: [{ Name: incident.secret, SecretString: key("previous") }],
    clusters: [{ clusterName: incident.cluster }],
    taskDefinitions: [fargateTaskDefinition("api", [appContainer("sample/jwt-api:jose", valueFrom)])],
    services: [
      service(incident.optedIn, 3, [probe, optIn]),
      ...incident.blocked.map((name) => service(name, 1, [probe])),
    ],
  } as unknown as Scenario;
}

function key(label: string): string {
  return `incident-${label}-${randomBytes(12).toString("hex")}`;
}

/**
 * The function's environment from the shipped cdk.json's context, as the stack sets it: dry run,
 * the opt-in tag required, its cap; watching the incident's secret and cluster.
 */
export function shippedConfig(cdkJson: string, secretArn: string): Record<string, string> {
  const context =
    (JSON.parse(readFileSync(cdkJson, "utf8")) as { context?: Record<string, unknown> }).context ?? {};
  return {
    [ConfigEnv.watchedSecrets]: secretArn,
    [ConfigEnv.clusters]: incident.cluster,
    [ConfigEnv.dryRun]: String(context.dryRun ?? true),
    ...(context.requireRedeployTag === false
      ? {}
      : { [ConfigEnv.redeployTag]: "rollout-verifier:redeploy=true" }),
    [ConfigEnv.maxRedeploysPerRun]: String(context.maxRedeploysPerRun ?? 25),
  };
}

/**
 * A fleet that starts mid-incident: `orders` was rolling a deployment when `prod/jwt-signing` rotated,
 * so its new tasks started with the old key; `billing`, `invoices` and `search` started before the
 * rotation too. Every task answers a token signed with the new key `401 invalid signature`. The
 * verifier is deployed as the shipped cdk.json configures it (dry run, opt-in tag required): it has
 * run on the rotation, reported the stale tasks and forced nothing. Resolves once that run is logged.
 */
export async function startIncidentFleet(options: IncidentOptions = {}): Promise<IncidentFleet> {
  const dir = resolve(options.dir ?? ".fleet");
  const files = {
    log: resolve(dir, "rollout-verifier.log"),
    failingToken: resolve(dir, "failing-token.txt"),
  };
  mkdirSync(dirname(files.log), { recursive: true });
  writeFileSync(files.log, "");
  const fleet = await startFleet({
    taskStartDelayMs: 200,
    deploymentPacing: { stepDelayMs: 50 },
    ...options.fleetOptions,
    scenario: scenario(),
    functionLog: { file: files.log },
  });
  let verifier: LocalVerifier | undefined;
  try {
    for (const name of [incident.optedIn, ...incident.blocked])
      await fleet.waitForSteadyState(incident.cluster, name);
    verifier = startLocalVerifier(fleet, {
      bundlePath: resolve(options.bundlePath ?? "dist/handler.mjs"),
      logFile: files.log,
      config: shippedConfig(options.cdkJson ?? "cdk.json", arn(fleet)),
      retryDelaysMs: [1_000, 2_000],
    });
    const client = {
      endpoint: fleet.endpoint,
      region: fleet.identity.region,
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    };
    const ecs = new ECSClient(client);
    const secrets = new SecretsManagerClient(client);
    // The race: a deployment of orders starts, its new tasks start with the old key, the secret rotates.
    const { service } = await ecs.send(
      new UpdateServiceCommand({
        cluster: incident.cluster,
        service: incident.optedIn,
        forceNewDeployment: true,
      }),
    );
    const deploymentId =
      service?.deployments?.find((deployment) => deployment.status === "PRIMARY")?.id ?? "";
    await fleet.waitFor(
      () =>
        fleet
          .runningTasks(incident.cluster, incident.optedIn)
          .filter((task) => task.startedBy === deploymentId).length >= 3 || undefined,
      "the deployment's tasks running",
    );
    const current = key("current");
    await secrets.send(new PutSecretValueCommand({ SecretId: incident.secret, SecretString: current }));
    await fleet.waitForDeployment(incident.cluster, incident.optedIn, deploymentId);
    ecs.destroy();
    secrets.destroy();
    await verifier.idle();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: "customer-42", aud: incident.audience, iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(current));
    writeFileSync(files.failingToken, `${token}\n`);
  } catch (error) {
    await verifier?.stop();
    await fleet.stop();
    throw error;
  }
  const running = verifier;
  return {
    fleet,
    verifier: running,
    files,
    stop: async () => {
      await running.stop();
      await fleet.stop();
    },
  };
}
