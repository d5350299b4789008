import { Logger } from "@aws-lambda-powertools/logger";
import { readConfig } from "./config.js";
import { parseTrigger } from "./core/parse-trigger.js";

/** Read once at cold start: a bad configuration fails the first invocation loudly, not every run quietly. */
const config = readConfig(process.env);
const logger = new Logger({ serviceName: "ecs-rollout-verifier" });

/**
 * EventBridge (and direct) entry point. Work in progress: intake only; the engine is wired next.
 */
export async function handler(event: unknown): Promise<{ outcome: string; reason?: string }> {
  const trigger = parseTrigger(event);
  if (trigger.kind === "ignored") {
    logger.info("event ignored", {
      received: trigger.received,
      reason: trigger.reason,
      eventId: trigger.eventId,
    });
    return { outcome: "ignored", reason: trigger.reason };
  }
  logger.info("trigger received", { kind: trigger.kind, dryRun: config.dryRun });
  return { outcome: "accepted" };
}
