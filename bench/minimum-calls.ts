import type { FleetShape } from "./bench-scenario.js";

/** ECS page and batch sizes the verifier uses, the largest the APIs allow. */
const page = 100;
const describeServicesBatch = 10;
const describeTasksBatch = 100;

/**
 * Secrets Manager calls one secret needs: DescribeSecret (ARN, version stages, dates) and
 * GetSecretValue of AWSCURRENT (the key material the probes are signed with); a secret with an
 * AWSPREVIOUS version needs one more GetSecretValue, for the control token.
 */
export const secretCallsPerSecret = 2;

/**
 * Secrets Manager calls of `secrets` secrets, `withPrevious` of which have an AWSPREVIOUS version,
 * plus one CloudTrail LookupEvents per secret: a run without an event that dates the cut-over (a
 * sweep, a direct invocation, a deployment event) finds when AWSCURRENT last moved there.
 */
function secretCalls(secrets: number, withPrevious: number): number {
  return secrets * (secretCallsPerSecret + 1) + withPrevious;
}

/** A cut-over event dates the cut-over itself: no LookupEvents. */
export function minimumCutoverEventCalls(shape: FleetShape, withPrevious: number): number {
  return minimumSweepCalls(shape, 1, withPrevious) - 1;
}

const pages = (items: number, size: number): number => Math.max(1, Math.ceil(items / size));

/**
 * The fewest AWS calls that can verify `secrets` secrets across a whole bench fleet, derived in
 * docs/benchmarks.md: the ECS estate is read once whatever the number of secrets (ListClusters; per
 * cluster ListServices, DescribeServices by 10, ListTasks and DescribeTasks by 100 over the
 * cluster's tasks; each distinct task definition once: the fleet's families are shared by every
 * cluster), then Secrets Manager per secret.
 */
export function minimumSweepCalls(shape: FleetShape, secrets: number, withPrevious: number): number {
  const tasksPerCluster = shape.servicesPerCluster * shape.tasksPerService;
  const perCluster =
    pages(shape.servicesPerCluster, page) +
    pages(shape.servicesPerCluster, describeServicesBatch) +
    pages(tasksPerCluster, page) +
    pages(tasksPerCluster, describeTasksBatch);
  const ecs = pages(shape.clusters, page) + shape.clusters * perCluster + shape.servicesPerCluster;
  return ecs + secretCalls(secrets, withPrevious);
}

/**
 * The fewest AWS calls that can re-verify one service after its deployment finished: DescribeServices
 * (its deployments and tags), each live task definition once (routing reads them to find the secrets
 * the service consumes, the run judges them), ListTasks and DescribeTasks of that service only, then
 * Secrets Manager per secret it consumes. Holds for a deployment that is no follow-up of the cut-over
 * (the bench's predates the rotation); a follow-up re-verifies the whole secret (docs/benchmarks.md).
 */
export function minimumDeploymentCalls(
  tasksPerService: number,
  liveTaskDefinitions: number,
  secrets: number,
  withPrevious: number,
): number {
  const ecs =
    1 + liveTaskDefinitions + pages(tasksPerService, page) + pages(tasksPerService, describeTasksBatch);
  return ecs + secretCalls(secrets, withPrevious);
}
