import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A clone must pass its tests with nothing beside it: no file may reach for a sibling folder of the
 * repository or for a path on one developer's machine. The patterns are assembled at run time so
 * that this file does not match itself.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const SKIPPED = new Set([
  ".git",
  "node_modules",
  "dist",
  "build",
  "cdk.out",
  ".reports",
  ".fleet",
  "coverage",
]);
const BINARY_EXTENSIONS = /\.(png|jpg|gif|ico|zip|gz|tgz|pdf|woff2?)$/;

const outsidePaths: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  {
    label: "the team's shared folder beside the repository",
    pattern: new RegExp(["\\.\\.", "shared"].join("/")),
  },
  {
    label: "an absolute home path",
    pattern: new RegExp(`(^|[\\s"'\`(=:])/(${["home", "Users", "root"].join("|")})/[A-Za-z]`),
  },
  { label: "a workstation path", pattern: new RegExp(`(^|[\\s"'\`(=:])/${"work"}/`) },
];

/** Generated and gitignored: Stryker's HTML and JSON reports name the checkout they ran in. */
const SKIPPED_PATHS = new Set([join("reports", "mutation")]);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // `.git` is a file in a linked worktree ("gitdir: <path>"): skipped whatever its type.
    if (SKIPPED.has(entry.name)) return [];
    if (SKIPPED_PATHS.has(relative(root, join(dir, entry.name)))) return [];
    if (entry.isDirectory()) return listFiles(join(dir, entry.name));
    return entry.isFile() && !BINARY_EXTENSIONS.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/** Every `file:line: label` where a file of the repository refers to a path outside it. */
function findOutsideReferences(files: readonly string[], readText: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    readText(file)
      .split("\n")
      .forEach((line, index) => {
        for (const { label, pattern } of outsidePaths) {
          if (pattern.test(line)) found.push(`${relative(root, file)}:${index + 1}: ${label}`);
        }
      });
  }
  return found;
}

describe("the repository is self-contained", () => {
  it("has no file that refers to a path outside the repository", () => {
    const files = listFiles(root);
    expect(files.length).toBeGreaterThan(100);
    expect(findOutsideReferences(files, (file) => readFileSync(file, "utf8"))).toEqual([]);
  });

  it("names the file and line of a reference to the shared folder or a home path", () => {
    const texts: Record<string, string> = {
      [join(root, "a.ts")]: `ok\nconst f = "${["..", "shared"].join("/")}/fixtures";`,
      [join(root, "b.md")]: `see /${"home"}/alice/notes`,
      [join(root, "c.ts")]: "const u = new URL('../fixtures/aws/', import.meta.url);",
    };
    expect(findOutsideReferences(Object.keys(texts), (file) => texts[file] ?? "")).toEqual([
      "a.ts:2: the team's shared folder beside the repository",
      "b.md:1: an absolute home path",
    ]);
  });
});
