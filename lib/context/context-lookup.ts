import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type ContextLookup, ContextSource } from "./context-entry.js";

/** The `context` blocks of the project's `cdk.json` and `cdk.context.json`, as written on disk. */
export interface ProjectContextFiles {
  readonly cdkJson: Readonly<Record<string, unknown>>;
  readonly cdkContextJson: Readonly<Record<string, unknown>>;
}

/** Reads the context files of the directory the CDK CLI runs the app in (missing files read as empty). */
export function readProjectContextFiles(directory: string): ProjectContextFiles {
  const read = (file: string, pick: (json: Record<string, unknown>) => unknown) => {
    const path = join(directory, file);
    if (!existsSync(path)) return {};
    const picked = pick(JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>);
    return (picked ?? {}) as Record<string, unknown>;
  };
  return {
    cdkJson: read("cdk.json", (json) => json.context),
    cdkContextJson: read("cdk.context.json", (json) => json),
  };
}

/**
 * A lookup that says where each value came from: a value equal to the one in `cdk.json` (or
 * `cdk.context.json`) came from that file; any other value was passed with `-c`, which overrides both.
 */
export function contextLookup(get: (key: string) => unknown, files: ProjectContextFiles): ContextLookup {
  return (key) => {
    const value = get(key);
    if (value === undefined) return undefined;
    if (isDeepStrictEqual(value, files.cdkJson[key])) return { value, source: ContextSource.cdkJson };
    if (isDeepStrictEqual(value, files.cdkContextJson[key]))
      return { value, source: ContextSource.cdkContextJson };
    return { value, source: ContextSource.commandLine };
  };
}
