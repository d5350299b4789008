import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { toMB } from "./stats.js";

/** This process's memory at one moment, in MB. */
export interface MemorySample {
  readonly rssMB: number;
  readonly heapUsedMB: number;
  readonly heapTotalMB: number;
  readonly externalMB: number;
  /** Highest RSS of the process so far (`resourceUsage().maxRSS`). */
  readonly peakRssMB: number;
  /** Whether a full GC ran first; without it heapUsed includes garbage and is less comparable. */
  readonly afterGc: boolean;
}

/** `global.gc` without `--expose-gc` on the command line (`npm run bench` runs plain tsx). */
const collectGarbage = ((): (() => void) | undefined => {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

/** Samples `process.memoryUsage()` after a full GC (twice: weak refs and finalizers need a second pass). */
export function sampleMemory(): MemorySample {
  collectGarbage?.();
  collectGarbage?.();
  const usage = process.memoryUsage();
  return {
    rssMB: toMB(usage.rss),
    heapUsedMB: toMB(usage.heapUsed),
    heapTotalMB: toMB(usage.heapTotal),
    externalMB: toMB(usage.external),
    peakRssMB: toMB(process.resourceUsage().maxRSS * 1024),
    afterGc: collectGarbage !== undefined,
  };
}
