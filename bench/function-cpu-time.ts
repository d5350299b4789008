import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc times; 100 on every common Linux, asked once. */
const clockTicks = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) used so far by this process's child running the local Lambda named
 * `functionName` (found by its `AWS_LAMBDA_FUNCTION_NAME`), or `null` where /proc is not readable or
 * no such child runs. Lambda gives a 512 MB function about 0.3 vCPU, so CPU time, not wall time on
 * this machine, is what sizes the timeout.
 */
export function functionCpuMs(functionName: string): number | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  for (const pid of pids) {
    const stat = readText(`/proc/${pid}/stat`);
    // Fields after the parenthesised command: state, ppid, ..., utime (14th overall), stime (15th).
    const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (!fields || Number(fields[1]) !== process.pid) continue;
    const environ = readText(`/proc/${pid}/environ`)?.split("\0") ?? [];
    if (!environ.includes(`AWS_LAMBDA_FUNCTION_NAME=${functionName}`)) continue;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  }
  return null;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
