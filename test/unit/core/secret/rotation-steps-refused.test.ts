import { describe, expect, it } from "vitest";
import type { HistoryRecord } from "../../../../lambda/core/secret/cutover-history.js";
import { readRotationSteps, rotationBoundsFor } from "../../../../lambda/core/secret/rotation-history.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const at = (iso: string) => new Date(iso);
const record = (
  eventName: string,
  time: string,
  requestParameters: Record<string, unknown>,
  errorCode?: string,
): HistoryRecord => ({
  eventName,
  eventTime: at(time),
  cloudTrailEvent: JSON.stringify({ eventName, requestParameters, ...(errorCode ? { errorCode } : {}) }),
});

describe("reading rotation steps from calls the service refused", () => {
  it("takes no step from a refused RotateSecret retried with the current version's token", () => {
    const steps = readRotationSteps([
      record("RotateSecret", "2025-06-10T00:00:00Z", { clientRequestToken: current }),
      record(
        "RotateSecret",
        "2025-06-10T00:03:00Z",
        { clientRequestToken: current },
        "InvalidRequestException",
      ),
    ]);
    expect(steps).toEqual([{ step: "started", versionId: current, time: at("2025-06-10T00:00:00Z") }]);
    // The lower bound stays at the call that rotated: the refused retry would have raised it 3 minutes.
    expect(rotationBoundsFor(steps, current, at("2025-06-10T00:05:00Z"))).toEqual({
      startedAt: at("2025-06-10T00:00:00Z"),
    });
  });

  it("takes no createSecret step from a refused PutSecretValue", () => {
    const steps = readRotationSteps([
      record(
        "PutSecretValue",
        "2025-06-10T00:01:00Z",
        { clientRequestToken: current, versionStages: ["AWSPENDING"] },
        "ResourceExistsException",
      ),
      record("PutSecretValue", "2025-06-10T00:02:00Z", {
        clientRequestToken: current,
        versionStages: ["AWSPENDING"],
      }),
    ]);
    expect(steps).toEqual([{ step: "pending", versionId: current, time: at("2025-06-10T00:02:00Z") }]);
  });
});
