import type { ProbePort } from "../../lambda/core/ports.js";
import { ProbeStatus } from "../../lambda/core/report/report.js";

/** The probe detail `verify --no-probe` leaves on every task, so the report says why it has no probe evidence. */
export const noProbeDetail =
  "not probed (--no-probe): the verdict rests on task timestamps and version pins only";

/**
 * A probe port that contacts nothing: for a laptop that cannot reach task addresses. The engine
 * then classifies by timestamps and pins, exactly as for a task it could not reach.
 */
export function createSkipProbePort(): ProbePort {
  return {
    probe: async (request) => ({ status: ProbeStatus.Skipped, url: request.url, detail: noProbeDetail }),
  };
}
