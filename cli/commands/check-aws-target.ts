import type { AwsTarget } from "./cli-deps.js";
import { profileExists, sharedConfigFiles } from "./find-profile.js";
import { AwsConfigError } from "./usage-error.js";

/** The parts of a built SDK client's resolved configuration the check needs. */
export interface ResolvedClientConfig {
  readonly config: {
    region(): Promise<string>;
    credentials(): Promise<unknown>;
  };
}

const regionHint =
  "pass --region, set AWS_REGION, or set region in your profile (the SDK ignores AWS_DEFAULT_REGION)";

/**
 * Resolves profile, region and credentials before the first AWS call, so a missing one is reported
 * as what it is (exit 2, configuration) instead of surfacing later as a failed call.
 * @throws AwsConfigError naming the missing piece and how to supply it.
 */
export async function checkAwsTarget(
  target: AwsTarget,
  client: ResolvedClientConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const profile = target.profile ?? env.AWS_PROFILE;
  if (profile !== undefined && profile !== "" && !profileExists(profile, env)) {
    const files = sharedConfigFiles(env);
    throw new AwsConfigError(
      `profile ${profile} not found in ${files.config} or ${files.credentials}${target.profile === undefined ? " (from AWS_PROFILE)" : ""}. List profiles with \`aws configure list-profiles\`.`,
    );
  }
  try {
    await client.config.region();
  } catch (cause) {
    throw new AwsConfigError(`No AWS region: ${regionHint}.`, { cause });
  }
  try {
    await client.config.credentials();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new AwsConfigError(
      `No usable AWS credentials${profile ? ` for profile ${profile}` : ""}: ${detail}. Pass --profile, set AWS_PROFILE, or log in (\`aws sso login\`).`,
      { cause },
    );
  }
}
