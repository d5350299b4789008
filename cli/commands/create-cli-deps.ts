import { randomUUID } from "node:crypto";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createEcsAdapter } from "../../lambda/adapters/ecs-adapter.js";
import { createSecretsAdapter } from "../../lambda/adapters/secrets-adapter.js";
import type { AwsTarget, CliDeps } from "./cli-deps.js";
import { createProbeSigner } from "./create-probe-signer.js";
import { createLazyHttpProbe } from "./lazy-http-probe.js";

/**
 * The real dependencies: the Lambda's adapters over SDK clients built from the caller's default
 * credential chain, with `--profile`/`--region` applied. Endpoints come only from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL`...), exactly as in the Lambda. Adaptive retries back off under
 * throttling like the Lambda's clients do.
 */
export function createCliDeps(): CliDeps {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    secrets: (target) => createSecretsAdapter(new SecretsManagerClient(clientConfig(target))),
    engine: (target) => {
      const config = clientConfig(target);
      return {
        ecs: createEcsAdapter({ ecs: new ECSClient(config), ec2: new EC2Client(config) }),
        secrets: createSecretsAdapter(new SecretsManagerClient(config)),
        probe: createLazyHttpProbe(),
        signer: createProbeSigner(),
      };
    },
  };
}

function clientConfig(target: AwsTarget) {
  return {
    retryMode: "adaptive",
    ...(target.region === undefined ? {} : { region: target.region }),
    ...(target.profile === undefined ? {} : { profile: target.profile }),
  } as const;
}
