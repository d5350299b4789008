import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

describe("README", () => {
  it("has a table of contents near the top that reaches On call in one click", () => {
    const top = readme.split("\n").slice(0, 25).join("\n");
    expect(top).toContain("](#on-call-a-401-storm-after-a-rotation)");
    expect(top).toMatch(/^Contents: /m);
  });

  it("links only to headings that exist", () => {
    const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? "")));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(anchors, `#${link}`).toContain(link);
  });
});
