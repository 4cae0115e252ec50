// The index of a gzip Blob (GZIDX, src/core/input/gzip-index.ts), given by the caller as a Blob
// (a page picks a .gz File with its .gzidx): used when it matches the Blob (made for a Blob of its
// size, whole, and, where both are Files, no older), else left out with a warning line
// (options.onWarning, else console.warn).
import { INDEX_HEAD_BYTES, IndexFormatError, indexHeadListBytes, parseIndex, usablePoints } from "../core/input/gzip-index";
import { PlannedIndex } from "../core/model/plan";

/** The planned index of gzip Blob `blob` named `name`, or undefined (left out, told to `warn`). */
export async function blobIndex(blob: Blob, name: string, index: Blob, warn: (line: string) => void): Promise<PlannedIndex | undefined> {
  // Named as a File input is (access.ts): its path within a picked folder, else its name.
  const indexName = (index as Partial<File>).webkitRelativePath || (index as Partial<File>).name || `the index of ${name}`;
  try {
    const [file, made] = [(blob as Partial<File>).lastModified, (index as Partial<File>).lastModified];
    if (file !== undefined && made !== undefined && made < file) throw new IndexFormatError(`it is older than ${name}`);
    const head = new Uint8Array(await index.slice(0, INDEX_HEAD_BYTES).arrayBuffer());
    const list = new Uint8Array(await index.slice(0, indexHeadListBytes(head)).arrayBuffer());
    return { name: indexName, points: usablePoints(parseIndex(list), blob.size, index.size) };
  } catch (error) {
    if (!(error instanceof IndexFormatError)) throw error;
    warn(`highest: warning: ${indexName} is left out: ${error.message}; ${name} is read from its start`);
    return undefined;
  }
}
