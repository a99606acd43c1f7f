import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv.ts";

describe("csvCell", () => {
  it.each([
    // Formula starts are neutralised with a leading apostrophe.
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["=1+1", "'=1+1"],
    ["+A1*2", "'+A1*2"],
    ["-2+3", "'-2+3"],
    ["-", "'-"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1", `"'\r=1"`],
    ["=a,b", `"'=a,b"`],
    // Plain decimal numbers are data: signs kept.
    ["-1500", "-1500"],
    ["+12", "+12"],
    ["0.25", "0.25"],
    ["-0.5", "-0.5"],
    // Ordinary text, quoting as before.
    ["Vårdcentralen Kramfors", "Vårdcentralen Kramfors"],
    ['a "b"', `"a ""b"""`],
    ["x=1", "x=1"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes numbers, bigints, booleans and empty values as they are", () => {
    expect(csvLine([-1500, -12345678901234567890n, 0.5, true, null, undefined])).toBe(
      "-1500,-12345678901234567890,0.5,true,,",
    );
  });
});
