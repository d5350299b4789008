import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAwsTarget } from "../../../../cli/commands/check-aws-target.js";
import { profileExists } from "../../../../cli/commands/find-profile.js";

const dir = mkdtempSync(join(tmpdir(), "rv-profiles-"));
const env = { AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials") };
writeFileSync(
  env.AWS_CONFIG_FILE,
  "[default]\nregion = eu-west-1\n\n[profile prod-sre]\nsso_session = corp\n",
);
writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "[ci]\naws_access_key_id = x\n");

const working = { config: { region: async () => "eu-west-1", credentials: async () => ({}) } };

describe("profileExists", () => {
  it("finds profiles in the config file ([profile NAME], [default]) and the credentials file ([NAME])", () => {
    expect(profileExists("prod-sre", env)).toBe(true);
    expect(profileExists("default", env)).toBe(true);
    expect(profileExists("ci", env)).toBe(true);
    expect(profileExists("nope", env)).toBe(false);
  });

  it("finds nothing when neither file exists", () => {
    const missing = {
      AWS_CONFIG_FILE: join(dir, "absent"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "absent2"),
    };
    expect(profileExists("default", missing)).toBe(false);
  });
});

describe("checkAwsTarget", () => {
  it("says which profile is missing, for --profile and for AWS_PROFILE", async () => {
    await expect(checkAwsTarget({ profile: "nope" }, working, env)).rejects.toMatchObject({
      code: "CLI_AWS_CONFIG",
      message: expect.stringMatching(/^profile nope not found in /),
    });
    await expect(checkAwsTarget({}, working, { ...env, AWS_PROFILE: "nope" })).rejects.toMatchObject({
      message: expect.stringContaining("profile nope not found in"),
    });
  });

  it("names a missing region and how to set it", async () => {
    const noRegion = {
      config: { ...working.config, region: () => Promise.reject(new Error("Region is missing")) },
    };
    await expect(checkAwsTarget({}, noRegion, env)).rejects.toMatchObject({
      code: "CLI_AWS_CONFIG",
      message: expect.stringMatching(/^No AWS region: pass --region, set AWS_REGION/),
    });
  });

  it("names missing credentials", async () => {
    const failure = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    const noCredentials = { config: { ...working.config, credentials: () => Promise.reject(failure) } };
    await expect(checkAwsTarget({ profile: "prod-sre" }, noCredentials, env)).rejects.toMatchObject({
      code: "CLI_AWS_CONFIG",
      message: expect.stringContaining("No usable AWS credentials for profile prod-sre"),
    });
  });

  it("passes an existing profile with region and credentials", async () => {
    await expect(
      checkAwsTarget({ profile: "ci", region: "eu-west-1" }, working, env),
    ).resolves.toBeUndefined();
  });
});
