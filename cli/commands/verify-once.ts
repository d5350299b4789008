import { requestFor } from "../../lambda/core/intake/route-trigger.js";
import type { DirectTrigger } from "../../lambda/core/intake/trigger.js";
import type { VerificationRequest } from "../../lambda/core/intake/verification-request.js";
import type { EngineDeps } from "../../lambda/core/invocation-deps.js";
import type { RunReport } from "../../lambda/core/report/report.js";
import { runVerification } from "../../lambda/core/run-verification.js";
import type { VerifyOptions } from "./verify-options.js";

/**
 * The request a direct invocation `{ secretId, clusters, dryRun }` makes in the Lambda, built with
 * the Lambda's own `requestFor`, plus what only the CLI offers: `--service` scopes the run to one
 * service (the engine's service filter, the one a deployment event uses).
 */
export function verifyRequest(options: VerifyOptions, dryRun: boolean): VerificationRequest {
  const trigger: DirectTrigger = {
    kind: "direct",
    eventId: null,
    eventTime: null,
    secretId: options.secretId,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
    dryRun,
  };
  const config = {
    ...options.config,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
    dryRun,
  };
  const request = requestFor(options.secretId, trigger, null, config);
  if (options.service === undefined) return request;
  const only = options.clusters?.length === 1 ? (options.clusters[0] ?? null) : null;
  return { ...request, serviceFilter: { cluster: only, serviceName: options.service } };
}

/** One verification run, as the Lambda runs it for a direct invocation. */
export function verifyOnce(options: VerifyOptions, dryRun: boolean, deps: EngineDeps): Promise<RunReport> {
  return runVerification(verifyRequest(options, dryRun), deps);
}
