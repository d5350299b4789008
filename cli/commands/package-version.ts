import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The version in package.json: `--version` must agree with what was installed. Found from the
 * first package.json named ecs-rollout-verifier above this module: the repository's root from
 * `cli/commands/`, the package's root from the compiled `build/cli.mjs`.
 */
export function packageVersion(moduleUrl: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; version?: unknown };
      if (parsed.name === "ecs-rollout-verifier")
        return typeof parsed.version === "string" ? parsed.version : "unknown";
    }
    const parent = dirname(folder);
    if (parent === folder) return "unknown";
    folder = parent;
  }
}
