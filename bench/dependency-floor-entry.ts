import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { sdkClientConfig } from "../lambda/adapters/aws/aws-clients.js";

/**
 * The cold-start floor of the pinned stack: what the verifier's module scope builds from its
 * dependencies (the two SDK clients, Powertools Logger and Metrics, jose), and none of its own code.
 * Bundled like the handler; the bench imports it beside `dist/handler.mjs` so the difference is what
 * the verifier's code (and zod) adds.
 */
const clients = [new ECSClient(sdkClientConfig()), new SecretsManagerClient(sdkClientConfig())];
const logger = new Logger({ serviceName: "floor" });
const metrics = new Metrics({ namespace: "Floor", serviceName: "floor" });

export async function handler(): Promise<number> {
  logger.info("floor");
  metrics.publishStoredMetrics();
  return clients.length + (typeof SignJWT === "function" ? 1 : 0);
}
