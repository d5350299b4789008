import { generateKeyPairSync } from "node:crypto";
import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { runCli } from "../../../bin/cli.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { bufferIo } from "../../unit/cli/buffer-io.js";

/** Key material of the on-call scenario. Tests assert none of it ever reaches the CLI's output. */
export const keys = (() => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ed = generateKeyPairSync("ed25519");
  return {
    previous: "oncall-previous-shared-secret-0001",
    current: "oncall-current-shared-secret-0002",
    ledger: "oncall-ledger-shared-secret-0003",
    rsaPrivatePem: String(rsa.privateKey.export({ type: "pkcs8", format: "pem" })),
    rsaPublicPem: String(rsa.publicKey.export({ type: "spki", format: "pem" })),
    /** Valid, but jsonwebtoken 9 cannot verify with it: its tasks fail at start. */
    ed25519Pem: String(ed.privateKey.export({ type: "pkcs8", format: "pem" })),
  };
})();

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
const probeTag = { key: "rollout-verifier:probe-path", value: "/api/orders" };
const optIn = { key: "rollout-verifier:redeploy", value: "true" };

function taskDefinition(family: string, image: string, secret: string) {
  return {
    family,
    networkMode: "awsvpc",
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    containerDefinitions: [
      {
        name: "api",
        image,
        portMappings: [{ containerPort: 8080 }],
        secrets: [{ name: "JWT_SECRET", valueFrom: arn(secret) }],
      },
    ],
  };
}

/**
 * prod/jwt read by `orders` (opted in to forced deployments) and `billing` (not opted in);
 * prod/ledger-key read by `ledger` (jsonwebtoken 9, circuit breaker on); prod/rsa read by nobody.
 */
export const onCallScenario = {
  secrets: [
    { Name: "prod/jwt", SecretString: keys.previous },
    { Name: "prod/ledger-key", SecretString: keys.ledger },
    { Name: "prod/rsa", SecretString: keys.rsaPrivatePem },
  ],
  clusters: [{ clusterName: "prod" }],
  taskDefinitions: [
    taskDefinition("orders", "sample/jwt-api:jose", "prod/jwt"),
    taskDefinition("ledger", "sample/jwt-api:jsonwebtoken-9", "prod/ledger-key"),
  ],
  services: [
    {
      cluster: "prod",
      serviceName: "orders",
      taskDefinition: "orders",
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      tags: [probeTag, optIn],
    },
    {
      cluster: "prod",
      serviceName: "billing",
      taskDefinition: "orders",
      desiredCount: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      tags: [probeTag],
    },
    {
      cluster: "prod",
      serviceName: "ledger",
      taskDefinition: "ledger",
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      tags: [probeTag, optIn],
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    },
  ],
};

/** Starts the fleet with the scenario, points the SDK at it, and rotates prod/jwt. */
export async function startOnCallFleet(): Promise<Fleet> {
  const fleet = await startFleet({
    taskStartDelayMs: 50,
    deploymentPacing: { stepDelayMs: 10 },
    circuitBreakerMinThreshold: 1,
    scenario: onCallScenario,
  });
  for (const service of ["orders", "billing", "ledger"]) await fleet.waitForSteadyState("prod", service);
  await putSecret(fleet, "prod/jwt", keys.current);
  return fleet;
}

/** PutSecretValue through the real SDK, as an operator's rotation would. */
export async function putSecret(fleet: Fleet, secretId: string, value: string): Promise<void> {
  const client = new SecretsManagerClient({
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "fleet", secretAccessKey: "fleet" },
    maxAttempts: 1,
  });
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
  client.destroy();
}

/** Everything the CLI printed in this file, to check that no key or token leaked. */
export const printed: string[] = [];

/** Runs the CLI in-process with the real adapters; the SDK finds the fleet through AWS_ENDPOINT_URL. */
export async function cli(argv: string[], stdin?: string) {
  const buffers = bufferIo(stdin === undefined ? {} : { stdin });
  const code = await runCli(argv, buffers.io);
  printed.push(buffers.stdout(), buffers.stderr());
  return { code, out: buffers.stdout(), err: buffers.stderr() };
}

const now = () => Math.floor(Date.now() / 1000);

/** The crafted tokens: each signed here, with jose, the way a client or an attacker would. */
export const tokens = {
  good: () => hs(keys.current, {}),
  expired: () => hs(keys.current, { iat: now() - 900, exp: now() - 600 }),
  wrongAudience: () => hs(keys.current, { aud: "billing" }),
  previousKey: () => hs(keys.previous, {}),
  hs256WithPublicPem: () => hs(keys.rsaPublicPem, {}),
  algNone: () =>
    `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(
      JSON.stringify({ sub: "svc", aud: "orders", exp: now() + 300 }),
    ).toString("base64url")}.`,
};

function hs(secret: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ sub: "svc", aud: "orders", iat: now(), exp: now() + 300, ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}
