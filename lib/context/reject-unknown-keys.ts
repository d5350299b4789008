import type { ContextLookup } from "./context-entry.js";
import { fail } from "./context-readers.js";

/** Context keys the CDK itself owns (feature flags are `@aws-cdk/...`, internal keys `aws:cdk:...`). */
const cdkOwnedKey = /^@|:|^cli-telemetry$|^acknowledged-issue-numbers$/;

/**
 * Fails on a key the operator set that the stack does not read: a typo such as `clusterName` would
 * otherwise be ignored and silently change what is deployed (here: every cluster instead of one).
 */
export function rejectUnknownKeys(
  lookup: ContextLookup,
  setKeys: readonly string[],
  knownKeys: readonly string[],
): void {
  const known = new Set<string>(knownKeys);
  for (const key of setKeys) {
    if (known.has(key) || cdkOwnedKey.test(key)) continue;
    const entry = lookup(key);
    if (entry === undefined) continue;
    const near = knownKeys.find((candidate) => sameLetters(candidate, key));
    fail(
      { key, source: entry.source },
      `is not a key this stack reads${near ? `; did you mean \`${near}\`?` : ""} (docs/configuration.md, Context keys, lists them)`,
    );
  }
}

/** `clusterName` vs `clusterNames`, `dry-run` vs `dryRun`: the typos that would silently drop a setting. */
function sameLetters(a: string, b: string): boolean {
  const letters = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z]/g, "")
      .replace(/s$/, "");
  return letters(a) === letters(b);
}
