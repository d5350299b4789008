import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const readme = read("README.md");

/** README.md and every page of docs/, as paths relative to the repository. */
const pages = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** The fenced blocks of a Markdown text, with their info string (`json`, `mermaid`, ...). */
function fencedBlocks(markdown: string): { readonly lang: string; readonly body: string }[] {
  return [...markdown.matchAll(/^ *```([\w-]*)\n([\s\S]*?)^ *```$/gm)].map((match) => ({
    lang: match[1] ?? "",
    body: match[2] ?? "",
  }));
}

/** The text outside fenced blocks and inline code, where links and headings live. */
function prose(markdown: string): string {
  return markdown.replace(/^ *```[\s\S]*?^ *```$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchor: lower case, punctuation dropped but `-` and `_`, spaces to `-`. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every anchor GitHub gives the headings of a page; a repeated heading gets `-1`, `-2`, ... */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^ *```[\s\S]*?^ *```$/gm, "");
  for (const match of text.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = slug(match[1] ?? "");
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

/** Every relative link of a page: `[text](target)`, not http(s), mailto or an in-page `#anchor`. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^([a-z][a-z+.-]*:|#)/i.test(target));
}

/** Every `readonly name` of the report contract: the folder of the file that declares `RunReport`. */
function reportContractKeys(): Set<string> {
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );
  const declaring = files("lambda").filter((file) => /export interface RunReport\b/.test(read(file)));
  expect(declaring, "one file declares RunReport").toHaveLength(1);
  const folder = dirname(declaring[0] as string);
  const keys = new Set<string>();
  for (const file of files(folder))
    for (const match of read(file).matchAll(/readonly (\w+)\??:/g)) keys.add(match[1] ?? "");
  return keys;
}

/** Every key of a JSON value, at any depth. */
function jsonKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonKeys);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...jsonKeys(inner)]);
}

describe("README.md as a front page", () => {
  it("is under 250 lines", () => {
    expect(readme.split("\n").length).toBeLessThan(250);
  });

  it("draws the flow in a mermaid block GitHub renders", () => {
    const diagrams = fencedBlocks(readme).filter((block) => block.lang === "mermaid");
    expect(diagrams).toHaveLength(1);
    expect(diagrams[0]?.body).toMatch(/^(flowchart|graph) (TD|TB|LR)\n/);
    expect(diagrams[0]?.body).toContain("-->");
  });

  it("keeps the demo and test commands exactly", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm ci && npm test");
  });

  it("shows an example report in text and the JSON it comes from, with keys of the report contract only", () => {
    const blocks = fencedBlocks(readme);
    const text = blocks.find((block) => block.lang === "text");
    const json = blocks.find((block) => block.lang === "json");
    expect(text?.body).toMatch(/VERDICT/);
    const report: unknown = JSON.parse(json?.body ?? "");
    expect(report).toMatchObject({ reportVersion: 1, services: expect.any(Array) });
    const contract = reportContractKeys();
    expect(contract).toContain("cutoverSource");
    expect(jsonKeys(report).filter((key) => !contract.has(key))).toEqual([]);
  });
});

describe("links in README.md and docs/*.md", () => {
  it("resolve to files that exist, and to headings that exist in them", () => {
    const broken: string[] = [];
    let count = 0;
    for (const page of pages) {
      for (const target of relativeLinks(read(page))) {
        count += 1;
        const [path = "", anchor] = target.split("#");
        const file = normalize(join(dirname(page), decodeURIComponent(path)));
        if (file.startsWith("..") || !existsSync(join(root, file))) {
          broken.push(`${page}: ${target} (no file ${relative(".", file)})`);
          continue;
        }
        if (anchor === undefined) continue;
        if (!file.endsWith(".md") || statSync(join(root, file)).isDirectory()) {
          broken.push(`${page}: ${target} (an anchor into a file that is not Markdown)`);
          continue;
        }
        if (!anchorsOf(read(file)).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
      }
    }
    expect(count).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it("reads links outside code, and anchors as GitHub makes them", () => {
    expect(relativeLinks("[a](docs/x.md#y) [b](#z) [c](https://e.example) `[d](e.md)`")).toEqual([
      "docs/x.md#y",
    ]);
    expect(anchorsOf("# The report (public contract)\n## Q&A: a/b\n## Q&A: a/b\n")).toEqual(
      new Set(["the-report-public-contract", "qa-ab", "qa-ab-1"]),
    );
  });
});

describe("docs/how-it-works.md", () => {
  it("has one row per cutoverSource value in its cut-over table", () => {
    const declaring = readdirSync(join(root, "lambda"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => read(join("lambda", file)))
      .filter((source) => /export const CutoverSource = \{/.test(source));
    expect(declaring).toHaveLength(1);
    const body =
      (declaring[0] as string).split("export const CutoverSource = {")[1]?.split("} as const")[0] ?? "";
    const values = [...body.matchAll(/^\s*\w+: "([a-z-]+)",$/gm)].map((match) => match[1]);
    expect(values.length).toBeGreaterThan(4);
    const rows = [...read("docs/how-it-works.md").matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...values].sort());
  });
});
