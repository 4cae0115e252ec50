// Indexes written by a run (--write-index): X.gzidx.<pid>.tmp during the decode of X from its
// start (by whichever thread decodes it), renamed to X.gzidx once the run succeeded, removed
// when it failed.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { PlannedInput } from "../core/model/plan";
import { INDEX_SUFFIX, withSuffix } from "./index-path";

/** Where the index of `path` is written during the run (renamed when it succeeds). */
export function temporaryIndexPath(path: string | Uint8Array): string | Buffer {
  return withSuffix(path, `${INDEX_SUFFIX}.${process.pid}.tmp`);
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
        renameSync(temporary, withSuffix(input.path, INDEX_SUFFIX));
      } else {
        rmSync(temporary, { force: true });
      }
    } catch (error) {
      // The run never wrote it (it read the file from an index, or stopped first): nothing to rename.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
