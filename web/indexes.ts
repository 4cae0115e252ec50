// gzip indexes among the files picked, dropped or found in a folder: as the command line takes
// a directory (SPEC: "Using one"), a file named X.gzidx is the index of the file named X (the
// same path within a folder), never data; one whose X is not among the files is left out with a
// warning line in the command line's words.
import { nameOf } from "./folder";

const INDEX_SUFFIX = ".gzidx";

/** The files to rank, in their order; the index File of each (null: none); the warnings of indexes left out. */
export interface PairedFiles {
  files: File[];
  indexes: Array<File | null>;
  warnings: string[];
}

export function pairIndexes(chosen: File[]): PairedFiles {
  const files = chosen.filter((file) => !nameOf(file).endsWith(INDEX_SUFFIX));
  const position = new Map(files.map((file, i) => [nameOf(file), i]));
  const indexes: Array<File | null> = files.map(() => null);
  const warnings: string[] = [];
  for (const index of chosen) {
    const name = nameOf(index);
    if (!name.endsWith(INDEX_SUFFIX)) continue;
    const partner = name.slice(0, -INDEX_SUFFIX.length);
    const at = position.get(partner);
    if (at === undefined) warnings.push(`highest: warning: ${name} is left out: it is an index, and ${partner} is not among the inputs`);
    else indexes[at] ??= index;
  }
  return { files, indexes, warnings };
}
