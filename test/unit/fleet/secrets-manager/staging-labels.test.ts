import { describe, expect, it } from "vitest";
import type { SecretRecord, SecretVersion } from "../../../../fleet/secrets-manager/secret-store.js";
import { attachLabel, findLabelHolder } from "../../../../fleet/secrets-manager/staging-labels.js";

function secretWith(...stages: string[][]): { secret: SecretRecord; versions: SecretVersion[] } {
  const versions = stages.map((labels, index) => ({
    versionId: `v${index}`,
    secretString: `value-${index}`,
    createdDate: new Date(0),
    stages: [...labels],
  }));
  const secret: SecretRecord = {
    arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf",
    name: "s",
    createdDate: new Date(0),
    lastChangedDate: new Date(0),
    tags: [],
    versions: new Map(versions.map((version) => [version.versionId, version])),
  };
  return { secret, versions };
}

describe("attachLabel", () => {
  it("moves AWSCURRENT and makes the version it left AWSPREVIOUS", () => {
    const { secret, versions } = secretWith(["AWSPREVIOUS"], ["AWSCURRENT"], []);
    const moves = attachLabel(secret, "AWSCURRENT", versions[2] as SecretVersion);
    expect(versions.map((version) => version.stages)).toEqual([[], ["AWSPREVIOUS"], ["AWSCURRENT"]]);
    expect(moves).toEqual([
      { label: "AWSCURRENT", versionId: "v2", fromVersionId: "v1" },
      { label: "AWSPREVIOUS", versionId: "v1", fromVersionId: "v0" },
    ]);
  });

  it("takes AWSPREVIOUS off the version that becomes AWSCURRENT again", () => {
    const { secret, versions } = secretWith(["AWSPREVIOUS"], ["AWSCURRENT"]);
    attachLabel(secret, "AWSCURRENT", versions[0] as SecretVersion);
    expect(versions.map((version) => version.stages)).toEqual([["AWSCURRENT"], ["AWSPREVIOUS"]]);
  });

  it("keeps a custom label on one version at a time without touching AWSPREVIOUS", () => {
    const { secret, versions } = secretWith(["AWSCURRENT", "blue"], ["AWSPREVIOUS"]);
    const moves = attachLabel(secret, "blue", versions[1] as SecretVersion);
    expect(versions.map((version) => version.stages)).toEqual([["AWSCURRENT"], ["AWSPREVIOUS", "blue"]]);
    expect(moves).toEqual([{ label: "blue", versionId: "v1", fromVersionId: "v0" }]);
  });

  it("reports no move when the version already holds the label", () => {
    const { secret, versions } = secretWith(["AWSCURRENT"]);
    expect(attachLabel(secret, "AWSCURRENT", versions[0] as SecretVersion)).toEqual([]);
    expect(findLabelHolder(secret, "AWSCURRENT")?.versionId).toBe("v0");
  });

  it("gives the first AWSCURRENT without inventing an AWSPREVIOUS", () => {
    const { secret, versions } = secretWith([]);
    expect(attachLabel(secret, "AWSCURRENT", versions[0] as SecretVersion)).toEqual([
      { label: "AWSCURRENT", versionId: "v0" },
    ]);
    expect(findLabelHolder(secret, "AWSPREVIOUS")).toBeUndefined();
  });
});
