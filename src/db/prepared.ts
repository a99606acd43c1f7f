// Named prepared statements through Kysely. A statement whose text starts with the mark
// `/* prepared:NAME */` is prepared once per connection under NAME by the pool's client (connect.ts), so
// PostgreSQL parses and plans it once per connection instead of on every call. For the hottest
// statements only (the intake's); the text after the mark must never vary for one name. Kysely passes SQL
// to pg as text, so the name travels in the text; on PGlite the mark is only a comment.
export const PREPARED_MARK = /^\/\* prepared:([a-z_]+) \*\//;
