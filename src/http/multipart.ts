import { AppError } from "../errors.ts";

// Uploads arrive as a raw body or as multipart/form-data (a browser form); this reads the file out of the
// latter without a multipart dependency: the body is at most the route's body limit, already in memory.

/** The file part of a multipart/form-data body (the first part with a filename, else the first part). */
export function multipartFile(body: Buffer, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (token === undefined) throw new AppError("bad_request", "The multipart body has no boundary.");
  const delimiter = Buffer.from(`--${token}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(start + delimiter.length + 2, next - 2));
    start = next;
  }
  let chosen: Buffer | null = null;
  for (const part of parts) {
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    if (/filename=/i.test(headers)) return content.toString("utf8");
    chosen ??= content;
  }
  if (chosen === null) throw new AppError("bad_request", "The multipart body has no file.");
  return chosen.toString("utf8");
}
