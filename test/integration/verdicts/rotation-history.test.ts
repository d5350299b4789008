import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { DescribeSecretCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { createCloudTrailHistory } from "../../../lambda/adapters/cloudtrail/cloudtrail-history.js";
import { readCutoverMoves } from "../../../lambda/core/secret/cutover-history.js";
import { readRotationSteps, rotationBoundsFor } from "../../../lambda/core/secret/rotation-history.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("verdicts: CloudTrail's event history of a rotation, as LookupEvents answers it", () => {
  it("records RotateSecret before the AWSCURRENT move and RotationSucceeded after it, for the rotated version", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "history-old-key-000000000000001" }],
      clusters: [{ clusterName: "prod" }],
    });
    const rotated = await harness.secrets.send(new RotateSecretCommand({ SecretId: "prod/jwt" }));
    const described = await harness.secrets.send(new DescribeSecretCommand({ SecretId: "prod/jwt" }));
    const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
      stages.includes("AWSCURRENT"),
    )?.[0];
    expect(current).toBe(rotated.VersionId);

    const client = new CloudTrailClient({
      endpoint: harness.fleet.endpoint,
      region: harness.fleet.identity.region,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    try {
      const history = createCloudTrailHistory(async () => client);
      const records = await history.lookUpSecretEvents(described.ARN ?? "", new Date(Date.now() - 60_000));
      const steps = readRotationSteps(records);
      expect(steps.map((step) => step.step)).toEqual(expect.arrayContaining(["started", "succeeded"]));
      const bounds = rotationBoundsFor(steps, current ?? "", new Date());
      const [move] = readCutoverMoves(records).filter((recorded) => recorded.versionId === current);
      expect(move?.eventName).toBe("UpdateSecretVersionStage");
      expect(bounds.startedAt?.getTime()).toBeLessThanOrEqual(move?.time.getTime() ?? 0);
      expect(bounds.succeededAt?.getTime()).toBeGreaterThanOrEqual(move?.time.getTime() ?? Infinity);
    } finally {
      client.destroy();
    }
  });
});
