import { describe, expect, it } from "vitest";
import { paginate } from "../../../../fleet/ecs/paginate.js";

const items = Array.from({ length: 25 }, (_, index) => index);

describe("paginate", () => {
  it("walks every item exactly once through nextToken", () => {
    const seen: number[] = [];
    let token: string | undefined;
    do {
      const page = paginate(items, { nextToken: token, maxResults: 10 }, { defaultMax: 100, max: 100 });
      seen.push(...page.items);
      token = page.nextToken;
    } while (token !== undefined);
    expect(seen).toEqual(items);
  });

  it("uses the operation's default page size", () => {
    expect(paginate(items, {}, { defaultMax: 10, max: 100 }).items).toHaveLength(10);
  });

  it("rejects out-of-range maxResults and foreign tokens with InvalidParameterException", () => {
    const limits = { defaultMax: 10, max: 100 };
    expect(() => paginate(items, { maxResults: 0 }, limits)).toThrow(
      expect.objectContaining({ type: "InvalidParameterException" }),
    );
    expect(() => paginate(items, { nextToken: "abc" }, limits)).toThrow(
      expect.objectContaining({ type: "InvalidParameterException" }),
    );
  });
});
