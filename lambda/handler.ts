import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { createAwsCaller } from "./adapters/aws/aws-call.js";
import { createAwsClients } from "./adapters/aws/aws-clients.js";
import { type BoundedResult, boundResponse } from "./adapters/aws/bound-response.js";
import { runBudgetMs } from "./adapters/aws/run-budget.js";
import { createRunDeadline } from "./adapters/aws/run-deadline.js";
import { createCloudTrailHistory } from "./adapters/cloudtrail/cloudtrail-history.js";
import { createEcsAdapter } from "./adapters/ecs/ecs-adapter.js";
import { createServiceRevisionsAdapter } from "./adapters/ecs/service-revisions-adapter.js";
import { createLogStreamReader } from "./adapters/logs/log-stream-reader.js";
import { createHttpProbe } from "./adapters/probe-http/http-probe.js";
import { createIssuerFetch } from "./adapters/probe-http/issuer-fetch.js";
import { createProbeSigner } from "./adapters/probe-http/probe-signer.js";
import { createSecretsAdapter } from "./adapters/secrets-manager/secrets-adapter.js";
import { publishGateMetrics } from "./adapters/telemetry/gate-telemetry.js";
import { createTelemetry, publishReport } from "./adapters/telemetry/telemetry.js";
import { readConfig } from "./config.js";
import type { HookResponse } from "./core/gate/gate-types.js";
import { handleEvent } from "./core/handle-event.js";

/**
 * Composition root. Everything here is built once per cold start: configuration (a bad value fails
 * the first invocation loudly, not every run quietly), telemetry, SDK clients and adapters.
 * Endpoints come only from the SDK's own configuration (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_ECS`...),
 * which is how the local fleet and the tests point the unmodified handler at loopback.
 */
const config = readConfig(process.env);
const telemetry = createTelemetry();
const clients = createAwsClients();
/** Set at the start of every invocation: every AWS call of the run is timed against it. */
const deadline = createRunDeadline();
const call = createAwsCaller({ deadline });
const ecs = createEcsAdapter({
  ecs: clients.ecs,
  call,
  ec2: clients.ec2,
  concurrency: config.awsConcurrency,
  onSkipped: (skipped) => telemetry.logger.info("resource vanished during the run; skipped", { ...skipped }),
});
const secrets = createSecretsAdapter(clients.secrets, call);
const history = createCloudTrailHistory(clients.cloudTrail, call);
const probe = createHttpProbe();
const issuer = createIssuerFetch();
const logs = createLogStreamReader(clients.logs, call);

const signer = createProbeSigner();
const revisions = createServiceRevisionsAdapter(clients.ecs, call);

/**
 * EventBridge, direct-invocation and ECS lifecycle hook entry point. Returns a `HandlerResult`:
 * `{ outcome: "ignored", reason, received, reports: [] }` or `{ outcome: "verified", reports }` with
 * one `RunReport` per verified secret (a sweep or a deployment event may cover several). For a
 * lifecycle hook it returns exactly what ECS reads, `{ hookStatus, callBackDelay?, hookDetails? }`.
 * Each report is also logged and published as EMF metrics; metrics are flushed even when a run throws.
 * A result whose task lists would pass Lambda's 6 MB response limit returns without them and says
 * so in `tasksInLog` (`boundResponse`): the log holds every task.
 * The run's budget is the invocation's remaining time less a reserve to report in (`runBudgetMs`);
 * the gate answers by its failure policy before that budget runs out.
 */
export async function handler(event: unknown, context?: Context): Promise<BoundedResult | HookResponse> {
  if (context) telemetry.logger.addContext(context);
  deadline.set(runBudgetMs(context?.getRemainingTimeInMillis()));
  const endsAt = deadline.endsAt();
  try {
    const result = await handleEvent(event, {
      ecs,
      secrets,
      history,
      probe,
      issuer,
      logs,
      signer,
      clock: { now: () => new Date() },
      newId: randomUUID,
      ...(endsAt === undefined ? {} : { deadline: new Date(endsAt) }),
      config: withAccount(config, context),
      log: {
        info: (message, attributes) => telemetry.logger.info(message, attributes),
        error: (message, attributes) => telemetry.logger.error(message, attributes),
      },
      publish: (report) => publishReport(report, telemetry),
      gate: {
        revisions,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
        timeLimitMs: () => deadline.remainingMs(),
        record: (record) => publishGateMetrics(record),
      },
    });
    return result.outcome === "gated" ? result.hook : boundResponse(result);
  } finally {
    // publishReport flushes per run; this catches anything left when a run threw part-way.
    if (telemetry.metrics.hasStoredMetrics()) telemetry.metrics.publishStoredMetrics();
  }
}

/**
 * The function's own account, from the invoked ARN (Lambda sets no account variable), so a direct
 * invocation naming another account's cluster is refused before any AWS call.
 */
function withAccount(base: typeof config, context: Context | undefined): typeof config {
  const account = context?.invokedFunctionArn?.split(":")[4];
  if (!account || !/^\d{12}$/.test(account)) return base;
  return { ...base, place: { ...base.place, account } };
}
