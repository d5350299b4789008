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
  renamedKeys: Readonly<Record<string, string>> = {},
): void {
  const known = new Set<string>(knownKeys);
  for (const key of setKeys) {
    if (known.has(key) || cdkOwnedKey.test(key)) continue;
    const entry = lookup(key);
    if (entry === undefined) continue;
    const renamed = renamedKeys[key];
    if (renamed !== undefined)
      fail(
        { key, source: entry.source },
        `is now \`${renamed}\`, the name of the RolloutVerifier prop it sets: rename the key (docs/configuration.md, Settings)`,
      );
    const near =
      knownKeys.find((candidate) => sameLetters(candidate, key)) ??
      Object.entries(renamedKeys).find(([before]) => sameLetters(before, key))?.[1];
    fail(
      { key, source: entry.source },
      `is not a key this stack reads${near ? `; did you mean \`${near}\`?` : ""} (docs/configuration.md, Settings, lists them)`,
    );
  }
}

/** `cluster` vs `clusters`, `dry-run` vs `dryRun`: the typos that would silently drop a setting. */
function sameLetters(a: string, b: string): boolean {
  const letters = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z]/g, "")
      .replace(/s$/, "");
  return letters(a) === letters(b);
}
