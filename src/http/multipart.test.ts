import { describe, expect, it } from "vitest";
import { multipartFile } from "./multipart.ts";

const TYPE = "multipart/form-data; boundary=XyZ";
const part = (headers: string, content: string) => `--XyZ\r\n${headers}\r\n\r\n${content}\r\n`;

describe("multipartFile", () => {
  it.each([
    [
      "the part with a filename",
      part('Content-Disposition: form-data; name="x"', "other") +
        part('Content-Disposition: form-data; name="file"; filename="k.csv"', "a,b\n1,2") +
        "--XyZ--\r\n",
      "a,b\n1,2",
    ],
    [
      "the first part without any filename",
      `${part('Content-Disposition: form-data; name="file"', "only")}--XyZ--\r\n`,
      "only",
    ],
  ])("takes %s", (_name, body, expected) => {
    expect(multipartFile(Buffer.from(body), TYPE)).toBe(expected);
  });

  it.each([
    ["no boundary", "multipart/form-data", "The multipart body has no boundary."],
    ["no part", TYPE, "The multipart body has no file."],
  ])("refuses a body with %s", (_name, type, message) => {
    expect(() => multipartFile(Buffer.from("--XyZ--\r\n"), type)).toThrow(message);
  });
});
