import type { ProbePort } from "../../lambda/core/ports.js";

/**
 * The HTTP probe adapter, imported on the first probe: `decode`, `diagnose` and `verify --no-probe`
 * never load it. Reports "not available" as a failed probe if the adapter is missing from the build.
 */
export function createLazyHttpProbe(): ProbePort {
  let loaded: Promise<ProbePort> | undefined;
  return {
    async probe(request) {
      loaded ??= loadHttpProbe();
      return (await loaded).probe(request);
    },
  };
}

async function loadHttpProbe(): Promise<ProbePort> {
  const modulePath = "../../lambda/adapters/http-probe.js";
  const module = (await import(/* @vite-ignore */ modulePath)) as { createHttpProbe?: () => ProbePort };
  if (typeof module.createHttpProbe !== "function") {
    throw new Error("lambda/adapters/http-probe.ts does not export createHttpProbe: cannot probe tasks");
  }
  return module.createHttpProbe();
}
