// `COPY … FROM STDIN` with the `pg` driver alone (pg-copy-streams is not installed): a submittable query
// that the client runs like any other. After the server's CopyInResponse it streams the chunks as CopyData
// messages (waiting for the socket to drain), then CopyDone; the server's CommandComplete gives the count.
import { once } from "node:events";
import type pg from "pg";

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): boolean | undefined;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.EventEmitter & { writableNeedDrain?: boolean };
}

/**
 * What both directions share: the statement, the row count from CommandComplete, and settling once the
 * server is ready again (or at the error, which the client may report without a ReadyForQuery).
 */
abstract class CopyQuery {
  readonly text: string;
  readonly #resolve: (rows: number) => void;
  readonly #reject: (error: unknown) => void;
  protected error: unknown = null;
  #rows = 0;
  callback?: unknown;

  constructor(text: string, resolve: (rows: number) => void, reject: (error: unknown) => void) {
    this.text = text;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /COPY (\d+)/.exec(message.text ?? "");
    if (match) this.#rows = Number(match[1]);
  }

  // The client drops a query that failed before ReadyForQuery arrives (handleReadyForQuery is not called
  // then), so a failure settles here.
  handleError(error: unknown): void {
    this.error ??= error;
    this.#reject(this.error);
  }

  handleReadyForQuery(): void {
    if (this.error) this.#reject(this.error);
    else this.#resolve(this.#rows);
  }

  // The rest of the protocol never happens for COPY; present because the client may call them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

class CopyFromStdin extends CopyQuery {
  readonly #chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

  constructor(
    text: string,
    chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
    resolve: (rows: number) => void,
    reject: (error: unknown) => void,
  ) {
    super(text, resolve, reject);
    this.#chunks = chunks;
  }

  handleCopyInResponse(connection: PgConnection): void {
    void this.#pump(connection);
  }

  async #pump(connection: PgConnection): Promise<void> {
    try {
      for await (const chunk of this.#chunks) {
        connection.sendCopyFromChunk(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        if (connection.stream.writableNeedDrain) await once(connection.stream, "drain");
      }
      connection.endCopyFrom();
    } catch (error) {
      this.error = error;
      connection.sendCopyFail(String((error as Error)?.message ?? error));
    }
  }

  handleCopyData(): void {}
}

/** Runs `copySql` (a `COPY … FROM STDIN …` statement) feeding it `chunks`; resolves to the rows copied. */
export function copyFrom(
  client: pg.Client,
  copySql: string,
  chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFromStdin(copySql, chunks, resolve, reject) as never);
  });
}

/** `COPY … TO STDOUT`: the server's CopyData messages, in order, as they come (benchmarks and tools). */
class CopyToStdout extends CopyQuery {
  readonly #onChunk: (chunk: Buffer) => void;

  constructor(
    text: string,
    onChunk: (chunk: Buffer) => void,
    resolve: (rows: number) => void,
    reject: (error: unknown) => void,
  ) {
    super(text, resolve, reject);
    this.#onChunk = onChunk;
  }

  handleCopyData(message: { chunk: Buffer }): void {
    this.#onChunk(message.chunk);
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail("COPY TO STDOUT takes no input");
  }
}

/** Runs `copySql` (a `COPY … TO STDOUT …` statement), handing each chunk to `onChunk`; resolves to the rows. */
export function copyTo(
  client: pg.Client,
  copySql: string,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyToStdout(copySql, onChunk, resolve, reject) as never);
  });
}
