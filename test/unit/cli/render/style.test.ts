import { describe, expect, it } from "vitest";
import { renderTable } from "../../../../cli/render/render-table.js";
import { createStyle } from "../../../../cli/render/style.js";

const tty = { write: () => true, isTTY: true };

describe("createStyle", () => {
  it("colours a terminal", () => {
    expect(createStyle(tty, {}).red("x")).toContain("\u001b[31m");
  });

  it("stays plain when NO_COLOR is set or the output is not a terminal", () => {
    expect(createStyle(tty, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(createStyle({ write: () => true, isTTY: false }, {}).red("x")).toBe("x");
  });
});

describe("renderTable", () => {
  it("aligns columns on the widest cell and trims trailing space", () => {
    expect(
      renderTable(
        ["A", "BB"],
        [
          ["long", "x"],
          ["s", ""],
        ],
      ),
    ).toBe("A     BB\nlong  x\ns");
  });
});
