import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's name in package.json: how the package root is told from any other folder above. */
const packageName = "ecs-rollout-verifier";

/** The file the functions run, `handler` exported, and its source map: all the asset holds. */
export const lambdaBundleFile = "handler.mjs";

/**
 * The folder `npm run build` writes the Lambda bundle to (`dist/`), built once and shipped in the
 * package: the construct deploys it as it is, so a consumer's synth runs no esbuild and reads no
 * lockfile, and the bundle the tests run is the bundle that is deployed. Found from the package
 * root, the first folder above this module whose package.json is ours: `lib/` in a checkout,
 * `build/lib/` in the installed package.
 */
export function lambdaBundleDirectory(moduleUrl: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (isPackageRoot(folder)) {
      const bundleDir = join(folder, "dist");
      if (!existsSync(join(bundleDir, lambdaBundleFile)))
        throw new Error(
          `ecs-rollout-verifier: the Lambda bundle ${join(bundleDir, lambdaBundleFile)} is missing; in a checkout of the repository, run \`npm run build\` first`,
        );
      return bundleDir;
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`ecs-rollout-verifier: no package.json named ${packageName} above ${moduleUrl}`);
    folder = parent;
  }
}

function isPackageRoot(folder: string): boolean {
  const manifest = join(folder, "package.json");
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === packageName;
  } catch {
    return false;
  }
}
