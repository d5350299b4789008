import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const contracts = readFileSync(new URL("docs/aws-contracts.md", root), "utf8");

/** Every body row of every table: `| behaviour | source | pinned by |`. */
function rows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Behaviour |"))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe("docs/aws-contracts.md", () => {
  it("is linked from the README", () => {
    expect(readFileSync(new URL("README.md", root), "utf8")).toContain("(docs/aws-contracts.md)");
  });

  it("gives every behaviour an AWS source, or says it is assumed, and names what pins it", () => {
    const table = rows(contracts);
    expect(table.length).toBeGreaterThan(30);
    const unsourced = table.filter(([, source = ""]) => {
      const linksAws =
        /\]\(https:\/\/(docs\.aws\.amazon\.com|docs\.amazonaws\.cn|boto3\.amazonaws\.com)\//.test(source);
      return !linksAws && !/assumed/i.test(source) && !/^product behaviour/i.test(source);
    });
    expect(unsourced.map(([behaviour]) => behaviour)).toEqual([]);
    expect(table.filter((row) => (row[2] ?? "") === "").map(([behaviour]) => behaviour)).toEqual([]);
  });
});
