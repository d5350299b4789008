import type { EnginePorts } from "./cli-deps.js";
import type { CliWriter } from "./cli-io.js";

/** Counts what a run has done so far and shows it on one self-erasing stderr line. */
export interface Progress {
  /** The same ports, counting described tasks and sent probes. */
  wrap(ports: EnginePorts): EnginePorts;
  /** Erases the line (if one was shown) before the report is printed. */
  done(): void;
}

const quietMs = 1000;
const everyMs = 250;

/**
 * Progress for large fleets: only when stderr is a terminal (never in a pipe, a log or CI), only
 * once a run has taken longer than a second (small fleets see nothing), at most four updates a
 * second. Counting wraps the ports, so the engine needs no progress hooks.
 */
export function createProgress(
  stderr: CliWriter,
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date,
  label: string,
): Progress {
  if (stderr.isTTY !== true || (env.CI ?? "") !== "" || env.TERM === "dumb")
    return { wrap: (ports) => ports, done: () => {} };
  const startedAt = now().getTime();
  let tasks = 0;
  let probes = 0;
  let shownAt = 0;
  const show = (): void => {
    const at = now().getTime();
    if (at - startedAt < quietMs || at - shownAt < everyMs) return;
    shownAt = at;
    const seconds = Math.round((at - startedAt) / 1000);
    stderr.write(`\r\u001b[K${label}: ${tasks} tasks described, ${probes} probes answered (${seconds} s)`);
  };
  return {
    wrap: (ports) => ({
      ...ports,
      ecs: {
        ...ports.ecs,
        describeTasks: async (cluster, arns) => {
          const described = await ports.ecs.describeTasks(cluster, arns);
          tasks += described.length;
          show();
          return described;
        },
      },
      probe: {
        ...ports.probe,
        probe: async (request) => {
          const outcome = await ports.probe.probe(request);
          probes += 1;
          show();
          return outcome;
        },
      },
    }),
    done: () => {
      if (shownAt > 0) stderr.write("\r\u001b[K");
      shownAt = 0;
    },
  };
}
