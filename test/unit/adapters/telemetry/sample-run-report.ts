import type { RunReport, ServiceReport, TaskReport } from "../../../../lambda/core/report/report.js";

const clusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";
const otherCluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-batch";
const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id}`;

/** A token that a buggy upstream leaked into free text: telemetry must scrub it. */
export const leakedToken =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb2xsb3V0LXZlcmlmaWVyIiwiaWF0IjoxfQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

function task(
  id: string,
  verdict: TaskReport["verdict"],
  probe: TaskReport["probe"],
  reason: string,
): TaskReport {
  return {
    taskArn: taskArn(id),
    taskDefinition: "orders-api:42",
    lastStatus: "RUNNING",
    createdAt: "2025-05-20T08:00:00.000Z",
    startedAt: "2025-05-20T08:00:30.000Z",
    address: "10.0.1.23:8080",
    verdict,
    reason,
    probe,
  };
}

const ordersApi: ServiceReport = {
  cluster: clusterArn,
  service: "orders-api",
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
  kind: "service",
  verdict: "redeploy",
  action: "forced-deployment",
  reason: "1 of 2 tasks started before the cut-over",
  deploymentId: "ecs-svc/7250134588163391826",
  tasks: [
    task(
      "A",
      "stale",
      { status: "rejected", httpStatus: 401, latencyMs: 12, detail: `HTTP 401 ${leakedToken}` },
      "probe rejected",
    ),
    task("B", "current", { status: "accepted", httpStatus: 200, latencyMs: 9 }, "created after the cut-over"),
  ],
};

const ordersWorker: ServiceReport = {
  cluster: clusterArn,
  service: "orders-worker",
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-worker",
  kind: "service",
  verdict: "wait",
  action: "none",
  reason: "deployment ecs-svc/5118427730915623044 created after the cut-over is IN_PROGRESS",
  deploymentId: "ecs-svc/5118427730915623044",
  tasks: [
    task("C", "unreachable", { status: "timeout", latencyMs: 2000 }, `no answer; token was ${leakedToken}`),
  ],
};

const batch: ServiceReport = {
  cluster: otherCluster,
  service: "family:nightly",
  serviceArn: null,
  kind: "standalone",
  verdict: "blocked",
  action: "none",
  reason: "standalone tasks cannot be redeployed: restart them",
  deploymentId: null,
  tasks: [task("D", "pinned", { status: "skipped" }, "valueFrom pins AWSPREVIOUS")],
};

/** The fixture scenario (tasks A stale, B current, C waiting) plus a pinned standalone task in a second cluster. */
export const sampleRunReport: RunReport = {
  reportVersion: 1,
  runId: "run-1",
  secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab",
  secretName: "prod/orders/jwt-signing-key",
  versionId: "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e",
  previousVersionId: "7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6",
  keyFingerprint: "sha256:0123456789abcdef",
  cutover: "2025-06-01T03:14:20.000Z",
  cutoverSource: "event",
  trigger: { kind: "secret-label-updated", eventId: "e-1", eventTime: "2025-06-01T03:14:20Z" },
  dryRun: false,
  startedAt: "2025-06-01T03:15:15.000Z",
  finishedAt: "2025-06-01T03:15:17.500Z",
  durationMs: 2500,
  services: [ordersApi, ordersWorker, batch],
  securityFindings: [
    {
      severity: "critical",
      kind: "accepts-alg-none",
      cluster: clusterArn,
      service: "orders-api",
      taskArn: taskArn("B"),
      // Report data for the log formatter only; a loopback address like the local fleet's tasks.
      url: "http://127.0.2.57:8080/healthz/auth",
    },
  ],
  gaps: [],
  totals: {
    services: 3,
    tasks: 4,
    byTaskVerdict: {
      current: 1,
      stale: 1,
      pinned: 1,
      pending: 0,
      unreachable: 1,
      unknown: 0,
      unaffected: 0,
      refreshing: 0,
    },
    byServiceVerdict: { converged: 0, redeploy: 1, wait: 1, blocked: 1, failed: 0 },
    probeRejected: 1,
    probeUnreachable: 1,
    servicesRedeployed: 1,
    securityFindings: 1,
    gaps: 0,
  },
};
