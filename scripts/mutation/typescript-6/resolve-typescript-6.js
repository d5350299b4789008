// Module resolve hook (see register.js).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const typescript6 = pathToFileURL(createRequire(import.meta.url).resolve("typescript")).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "typescript" && context.parentURL?.includes("/node_modules/@stryker-mutator/")) {
    return { url: typescript6, format: "commonjs", shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
