import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");

/** README.md and every page of docs/: the sections the README used to hold live there now. */
const pages = [
  "README.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? "")));
}

describe("README", () => {
  it("has a table of contents near the top that reaches On call in one click", () => {
    const top = readme.split("\n").slice(0, 25).join("\n");
    expect(top).toContain("](docs/operations.md#on-call-a-401-storm-after-a-rotation)");
    expect(top).toMatch(/^Contents: /m);
    expect(anchorsOf(readFileSync("docs/operations.md", "utf8"))).toContain(
      "on-call-a-401-storm-after-a-rotation",
    );
  });

  it("links only to headings that exist, on the README and on every docs page", () => {
    let count = 0;
    for (const page of pages) {
      const markdown = readFileSync(page, "utf8");
      const anchors = anchorsOf(markdown);
      const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1] ?? "");
      count += links.length;
      for (const link of links) expect(anchors, `${page}#${link}`).toContain(link);
    }
    expect(count).toBeGreaterThan(5);
  });
});
