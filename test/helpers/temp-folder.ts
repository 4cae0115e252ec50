// A temporary folder for one test file: made before its tests, removed after them.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface TempFolder {
  /** The folder's path (set once the tests start). */
  path: string;
  /** Writes `content` to a new file in the folder and returns its path. */
  file(content: string | Uint8Array, name?: string): string;
}

/** Registers beforeAll/afterAll hooks for a fresh folder named after `prefix`. */
export function tempFolder(prefix: string): TempFolder {
  let count = 0;
  const folder: TempFolder = {
    path: "",
    file(content, name = `in-${count++}.data`) {
      const file = path.join(folder.path, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
  beforeAll(() => { folder.path = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
  afterAll(() => { fs.rmSync(folder.path, { recursive: true, force: true }); });
  return folder;
}
