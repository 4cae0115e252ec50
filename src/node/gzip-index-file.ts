// Indexes of gzip files on disk (GZIDX, src/core/input/gzip-index.ts): X.gzidx beside a gzip file
// X is used when it matches X (made for a file of X's size, no older than X, whole), else left
// out with one warning. (Writing them: index-writes.ts.)
import { closeSync, fstatSync, openSync, readSync, type BigIntStats } from "node:fs";
import { INDEX_HEAD_BYTES, IndexFormatError, indexHeadListBytes, parseIndex, usablePoints } from "../core/input/gzip-index";
import { PlannedIndex } from "../core/model/plan";
import { stampOf } from "./access";
import { INDEX_SUFFIX, withSuffix } from "./index-path";

/** The index planned for gzip file `path` (`given`: a path the caller named), or why it is left out. */
export function findIndex(path: string | Buffer, name: string, file: BigIntStats, given?: string): { index?: PlannedIndex; warning?: string } {
  const indexPath = given ?? withSuffix(path, INDEX_SUFFIX);
  const indexName = given ?? name + INDEX_SUFFIX;
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
