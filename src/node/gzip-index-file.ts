// Indexes of gzip files on disk (GZIDX, src/core/input/gzip-index.ts): X.gzidx beside a gzip file
// X is used when it matches X (made for a file of X's size, no older than X, whole), else left
// out with one warning; --write-index writes X.gzidx.<pid>.tmp during the decode of X from its
// start, renamed to X.gzidx once the run succeeded (removed when it failed).
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync, type BigIntStats } from "node:fs";
import { INDEX_HEAD_BYTES, IndexFormatError, indexHeadListBytes, parseIndex, usablePoints } from "../core/input/gzip-index";
import { PlannedIndex, PlannedInput } from "../core/model/plan";
import { stampOf } from "./access";

/** The index planned for gzip file `path` (`given`: a path the caller named), or why it is left out. */
export function findIndex(path: string | Buffer, name: string, file: BigIntStats, given?: string): { index?: PlannedIndex; warning?: string } {
  const indexPath = given ?? (typeof path === "string" ? `${path}.gzidx` : Buffer.concat([path, Buffer.from(".gzidx")]));
  const indexName = given ?? `${name}.gzidx`;
  let fd: number;
  try {
    fd = openSync(indexPath, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No index beside the file is the usual case: nothing to say. One the caller named must be there.
    return given === undefined && code === "ENOENT" ? {} : { warning: `${indexName}: cannot be read (${code ?? "error"}); ${name} is read from its start` };
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (stat.mtimeNs < file.mtimeNs) throw new IndexFormatError(`it is older than ${name}`);
    const head = readFully(fd, INDEX_HEAD_BYTES, 0);
    const list = readFully(fd, indexHeadListBytes(head), 0);
    const points = usablePoints(parseIndex(list), Number(file.size), Number(stat.size));
    return { index: { name: indexName, path: indexPath, stamp: stampOf(stat), points } };
  } catch (error) {
    if (!(error instanceof IndexFormatError)) throw error;
    return { warning: `${indexName} is left out: ${error.message}; ${name} is read from its start` };
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, length: number, position: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const n = readSync(fd, bytes, filled, length - filled, position + filled);
    if (n === 0) throw new IndexFormatError("it is truncated");
    filled += n;
  }
  return bytes;
}

/** Where the index of `path` is written during the run (renamed when it succeeds). */
export function temporaryIndexPath(path: string | Uint8Array): string | Buffer {
  const suffix = `.gzidx.${process.pid}.tmp`;
  return typeof path === "string" ? path + suffix : Buffer.concat([path, Buffer.from(suffix)]);
}

/** Writes an index to its temporary name (any thread: the run renames it). */
export function writeTemporaryIndex(path: string | Uint8Array, bytes: Uint8Array): void {
  writeFileSync(temporaryIndexPath(path), bytes);
}

/** After the run: the indexes written become X.gzidx when it succeeded; removed when not. */
export function settleWrittenIndexes(inputs: PlannedInput[], succeeded: boolean): void {
  for (const input of inputs) {
    if (!input.writeIndex || input.path === undefined) continue;
    const temporary = temporaryIndexPath(input.path);
    try {
      if (succeeded) {
        const path = input.path;
        renameSync(temporary, typeof path === "string" ? `${path}.gzidx` : Buffer.concat([path, Buffer.from(".gzidx")]));
      } else {
        rmSync(temporary, { force: true });
      }
    } catch (error) {
      // The run never wrote it (it read the file from an index, or stopped first): nothing to rename.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
