// Where a gzip file's index lies: X.gzidx beside X (found: gzip-index-file.ts; written:
// index-writes.ts; never ranked as data: inputs.ts).

/** An index's name beside its gzip file X: X.gzidx. */
export const INDEX_SUFFIX = ".gzidx";

/** `path` with `suffix` appended (a path given as bytes stays bytes). */
export function withSuffix(path: string | Uint8Array, suffix: string): string | Buffer {
  return typeof path === "string" ? path + suffix : Buffer.concat([path, Buffer.from(suffix)]);
}
