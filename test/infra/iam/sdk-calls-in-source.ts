import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { iamPrefixByClient } from "./map-call-to-requests.js";

const sdkImport =
  /(?:import\s*\{([^}]*)\}\s*from\s*|const\s*\{([^}]*)\}\s*=\s*await\s+import\()\s*"@aws-sdk\/client-([a-z0-9-]+)"/g;

/**
 * Every IAM action the function's code can call, read from the source: each `XxxCommand` imported
 * as a value from an `@aws-sdk/client-*` package under `lambda/`, statically or with `await import()`. Catches a call the scenario
 * never exercises, such as one only a lifecycle hook or bridge networking reaches.
 */
export function sdkActionsInSource(root: string): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(join(root, "lambda"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(sdkImport)) {
      const client = match[3] as string;
      const prefix = iamPrefixByClient[client];
      const names = (match[1] ?? match[2] ?? "")
        .split(",")
        .map((name) => (name.split(":")[0] as string).trim())
        .filter((name) => name.endsWith("Command") && !name.startsWith("type "));
      if (names.length > 0 && prefix === undefined)
        throw new Error(`${file} imports @aws-sdk/client-${client}: add its IAM prefix to iamPrefixByClient`);
      for (const name of names) actions.add(`${prefix}:${name.replace(/Command$/, "")}`);
    }
  }
  return actions;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}
