import { fromEnv } from "@aws-sdk/credential-provider-env";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * The credential chain the bundled function uses, in place of the SDK's default chain
 * (`@aws-sdk/credential-provider-node`, aliased to this module by `lib/lambda-bundle.ts`). The
 * Lambda runtime puts the execution role's credentials in the environment (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) and refreshes them for each new execution
 * environment, so the profile, SSO, process, web-identity and IMDS providers are dead weight
 * there: about 130 kB of the bundle. The CLI, which is not bundled, keeps the full default chain.
 */
export function defaultProvider(_init?: unknown): AwsCredentialIdentityProvider {
  return fromEnv();
}
