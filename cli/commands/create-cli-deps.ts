import { randomUUID } from "node:crypto";
import type { AwsCaller } from "../../lambda/adapters/aws/aws-call.js";
import { sdkClientConfig } from "../../lambda/adapters/aws/aws-clients.js";
import type { SecretsPort } from "../../lambda/core/ports.js";
import { checkAwsTarget } from "./check-aws-target.js";
import type { AwsTarget, CliDeps } from "./cli-deps.js";

/**
 * The real dependencies: the Lambda's adapters over SDK clients built from the caller's default
 * credential chain, with `--profile`/`--region` applied. Endpoints come only from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL`...), exactly as in the Lambda. Profile, region and credentials
 * are resolved before the first call (`checkAwsTarget`). The SDK is imported on first use, so
 * `decode` and `--help` start instantly.
 */
export function createCliDeps(): CliDeps {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    secrets: (target) => createSecrets(target),
    logs: async (target) => {
      // Profile, region and credentials checked before the first call, as for every command.
      await createSecrets(target);
      const { createLogsPorts } = await import("../logs/create-logs-ports.js");
      return createLogsPorts(clientConfig(target));
    },
    engine: async (target, deadline) => {
      const [{ createAwsCaller }, { deadlineAt }] = await Promise.all([
        import("../../lambda/adapters/aws/aws-call.js"),
        import("../../lambda/adapters/aws/run-deadline.js"),
      ]);
      // One caller for the run, as in the Lambda: throttling anywhere slows every call, and
      // `--timeout` bounds the retries.
      const call = createAwsCaller({ deadline: deadlineAt(deadline) });
      const [{ ECSClient }, { createEcsAdapter }, secrets, { createHttpProbe }, { createProbeSigner }] =
        await Promise.all([
          import("@aws-sdk/client-ecs"),
          import("../../lambda/adapters/ecs/ecs-adapter.js"),
          createSecrets(target, call),
          import("../../lambda/adapters/probe-http/http-probe.js"),
          import("../../lambda/adapters/probe-http/probe-signer.js"),
        ]);
      const config = clientConfig(target);
      return {
        ecs: createEcsAdapter({
          ecs: new ECSClient(config),
          ec2: async () => new (await import("@aws-sdk/client-ec2")).EC2Client(config),
          call,
        }),
        secrets,
        // The same cut-over evidence as the Lambda: CloudTrail's event history (loaded on first use).
        history: (
          await import("../../lambda/adapters/cloudtrail/cloudtrail-history.js")
        ).createCloudTrailHistory(
          async () => new (await import("@aws-sdk/client-cloudtrail")).CloudTrailClient(config),
          call,
        ),
        probe: createHttpProbe(),
        // Issuer probes (JWKS, token endpoint) of services tagged for them, as in the Lambda.
        issuer: (await import("../../lambda/adapters/probe-http/issuer-fetch.js")).createIssuerFetch(),
        signer: createProbeSigner(),
      };
    },
  };
}

/** Secrets Manager for `target`, its profile and region checked before the first call. */
async function createSecrets(target: AwsTarget, call?: AwsCaller): Promise<SecretsPort> {
  const [{ SecretsManagerClient }, { createSecretsAdapter }] = await Promise.all([
    import("@aws-sdk/client-secrets-manager"),
    import("../../lambda/adapters/secrets-manager/secrets-adapter.js"),
  ]);
  const client = new SecretsManagerClient(clientConfig(target));
  await checkAwsTarget(target, client, process.env);
  return createSecretsAdapter(client, call);
}

/** The Lambda's client configuration: one attempt per request, retries decided by the adapters. */
function clientConfig(target: AwsTarget) {
  return sdkClientConfig({
    ...(target.region === undefined ? {} : { region: target.region }),
    ...(target.profile === undefined ? {} : { profile: target.profile }),
  });
}
