import type { Duration } from "aws-cdk-lib";
import type { ISecurityGroup, IVpc, Port, SubnetSelection } from "aws-cdk-lib/aws-ec2";
import type { ICluster } from "aws-cdk-lib/aws-ecs";
import type { Schedule } from "aws-cdk-lib/aws-events";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { ITopic } from "aws-cdk-lib/aws-sns";

/**
 * What a platform engineer decides when deploying the verifier. Everything but the secrets and the
 * VPC has a safe default; the construct validates the values eagerly and says what to change.
 */
export interface RolloutVerifierProps {
  /** The secrets whose rotations are verified. At least one; read access is granted on these only. */
  readonly secrets: readonly ISecret[];
  /**
   * The clusters searched for consumers; ECS permissions and deployment events are scoped to them.
   * @default every cluster of the account and region (ECS permissions on all clusters)
   */
  readonly clusters?: readonly ICluster[];
  /** The VPC the function runs in. It must route to the task subnets: probes go to task IPs directly. */
  readonly vpc: IVpc;
  /**
   * Subnets for the function's network interfaces. They need a route to the ECS, Secrets Manager
   * and CloudWatch Logs APIs (NAT gateway or interface endpoints).
   * @default the VPC's private subnets with egress
   */
  readonly vpcSubnets?: SubnetSelection;
  /**
   * Security groups of the function.
   * @default one created group allowing outbound HTTPS (AWS APIs) and `probePorts` only
   */
  readonly securityGroups?: readonly ISecurityGroup[];
  /**
   * Security groups of the tasks to probe; each gets an ingress rule for `probePorts` from the
   * function's security groups.
   * @default none: open the probe ports to the function yourself
   */
  readonly taskSecurityGroups?: readonly ISecurityGroup[];
  /**
   * Ports the probes target on tasks (for bridge networking, the dynamic host-port range).
   * @default Port.tcp(8080)
   */
  readonly probePorts?: Port;
  /**
   * Default probe path for services without a `rollout-verifier:probe-path` tag; must start with `/`.
   * @default none: only tagged services are probed, the others are judged by timestamps
   */
  readonly probePath?: string;
  /** `iss` claim of probe tokens. @default none */
  readonly probeIssuer?: string;
  /** `aud` claim of probe tokens. @default none */
  readonly probeAudience?: string;
  /** Per-request probe timeout. @default Duration.seconds(2) */
  readonly probeTimeout?: Duration;
  /** Probes in flight at once. @default 16 */
  readonly probeConcurrency?: number;
  /** AWS API calls in flight at once (ECS throttles per account and region). @default 8 */
  readonly awsConcurrency?: number;
  /** Send the negative probes (`alg: none`, wrong key); an accepting task is a security finding. @default true */
  readonly securityProbes?: boolean;
  /** Report what would be done and force no deployment. @default false */
  readonly dryRun?: boolean;
  /**
   * Upper bound on forced deployments in flight: a run forces at most this many less the secret's
   * consumers still rolling a deployment created after the cut-over. @default 25
   */
  readonly maxRedeploysPerRun?: number;
  /**
   * After a cut-over, how long a completed deployment created after it re-verifies the whole secret,
   * so services the cap left are forced as earlier deployments complete (whole minutes; 0: never).
   * Keep it at least the sweep's interval, which covers what comes later.
   * @default Duration.hours(1)
   */
  readonly followUpWindow?: Duration;
  /**
   * Force-deploy only services tagged `rollout-verifier:redeploy=true`; IAM enforces it with an
   * `aws:ResourceTag` condition. Off: every service in the watched clusters may be force-deployed.
   * @default true
   */
  readonly requireRedeployTag?: boolean;
  /**
   * Resolve bridge/host-mode task addresses through EC2 (grants ecs:DescribeContainerInstances and
   * ec2:DescribeInstances). Off: such tasks are judged by timestamps only.
   * @default false
   */
  readonly bridgeNetworking?: boolean;
  /**
   * Names of the log groups the watched task definitions log to (their `awslogs-group` options):
   * grants `logs:GetLogEvents` on those groups' streams only, so the verifier can read the key
   * fingerprint a task logged at start (service tag `rollout-verifier:fingerprint-log`). Off: such
   * tasks say their log could not be read, and are judged by timestamps.
   * @default none
   */
  readonly taskLogGroups?: readonly string[];
  /**
   * Also start on the CloudTrail events (RotationSucceeded, UpdateSecretVersionStage, PutSecretValue).
   * Turn on only when a CloudTrail trail records Secrets Manager management events.
   * @default false: the native `Secret Label Updated` event, which needs no trail
   */
  readonly cloudTrailFallbacks?: boolean;
  /**
   * When the sweep runs, catching rotations whose events were missed.
   * @default Schedule.rate(Duration.hours(1))
   */
  readonly sweepSchedule?: Schedule;
  /**
   * Where alarms notify.
   * @default a created SNS topic encrypted with a created KMS key that CloudWatch may use
   */
  readonly alarmTopic?: ITopic;
  /**
   * Also subscribe this e-mail address to the alarm topic (the address must confirm the subscription).
   * @default none
   */
  readonly alarmEmail?: string;
  /**
   * The deployment gate's failure policy: when it cannot verify (an AWS call failed, its own time ran
   * out, new tasks stayed undecided past `gateMaxWait`), `"open"` lets the deployment through and
   * `"closed"` fails it (ECS rolls back). A hook's `hookDetails` may override it for one service.
   * @default "open" (docs/deployment-gate.md says why)
   */
  readonly gateOnError?: "open" | "closed";
  /**
   * Longest the gate answers IN_PROGRESS while new tasks start or do not answer yet (whole seconds;
   * keep it below the hook's `timeoutConfiguration`).
   * @default Duration.minutes(5)
   */
  readonly gateMaxWait?: Duration;
  /** The `callBackDelay` of the gate's IN_PROGRESS answers (whole seconds). @default Duration.seconds(15) */
  readonly gateCallBackDelay?: Duration;
  /** Retention of the function's log group, which holds the run reports. @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /**
   * Function timeout: one run covers discovery, probes, forced deployments and the report.
   * A dry run over 2,000 tasks on the local fleet took 6.2 s of CPU warm, 11 s cold; at 512 MB
   * (about 0.29 vCPU) that is roughly 21 s / 38 s, and the worst case (every task unreachable, 2 s
   * probe timeout, 16 at a time) about 250 s: 5 minutes covers it (`npm run bench`, docs/benchmarks.md).
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * Function memory in MB. Measured by `npm run bench` (docs/benchmarks.md): a dry run with every task
   * probed, the heap capped as Lambda caps it at 256 MB, peaked at 117 MB Max Memory Used for 2,000
   * tasks and 172 MB for 10,000: about 105 MB plus 7 KB per task, so 256 MB holds about 20,000 tasks
   * (1.5x headroom at 10,000). Lambda's CPU follows memory (about 0.14 vCPU at 256 MB): the 10,000-task
   * run's 17-26 s of CPU takes about 120-180 s there, inside the 5-minute timeout. Raise it for speed.
   * @default 256
   */
  readonly memorySize?: number;
}
