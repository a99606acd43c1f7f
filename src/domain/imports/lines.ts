export interface LineSplitterOptions {
  /**
   * Longer lines are cut to `maxLineLength + 1` characters (the rest is dropped), so the consumer sees
   * that they are too long while memory stays bounded. Default 64 KiB.
   */
  maxLineLength?: number;
}

export interface LineSplitter {
  push(chunk: string): string[];
  end(): string[];
}

/**
 * Text chunks to physical lines (LF, CRLF or a lone CR end a line; the terminator is not included). A last
 * line without a terminator is returned by `end`; every terminator yields a line, empty ones included, so
 * the n-th line returned is the file's line n.
 */
export function createLineSplitter(options: LineSplitterOptions = {}): LineSplitter {
  const limit = (options.maxLineLength ?? 65_536) + 1;
  let pending = "";
  let afterCR = false;
  let hasPending = false;

  function keep(text: string): void {
    if (pending.length < limit) pending += text.slice(0, limit - pending.length);
    hasPending = true;
  }

  return {
    push(chunk) {
      const out: string[] = [];
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c !== 0x0a && c !== 0x0d) continue;
        if (c === 0x0a && afterCR && i === start && !hasPending) {
          // The LF of a CRLF whose CR ended the previous line.
          afterCR = false;
          start = i + 1;
          continue;
        }
        keep(chunk.slice(start, i));
        out.push(pending);
        pending = "";
        hasPending = false;
        afterCR = c === 0x0d;
        start = i + 1;
      }
      if (start < chunk.length) {
        keep(chunk.slice(start));
        afterCR = false;
      }
      return out;
    },
    end() {
      const out = hasPending ? [pending] : [];
      pending = "";
      hasPending = false;
      afterCR = false;
      return out;
    },
  };
}
