// Files as the CLI takes a directory: a folder's files in byte order of their paths, names that
// start with "." left out; a drop of files and folders walked into one list in the drop's order.

/** The name a file has in a run and its messages: its path within a chosen folder, else its name. */
export function nameOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

const utf8 = new TextEncoder();

/**
 * Byte order of the UTF-8 texts, as SPEC orders a directory's paths. The library has no export
 * for it (the Node side sorts Buffers of paths); a page gets File names as strings.
 */
export function byteOrder(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** A folder's files as the CLI takes a directory: names starting with "." left out (below the folder), byte order of paths. */
export function folderFiles(found: File[]): File[] {
  return found
    .filter((file) => !nameOf(file).split("/").slice(1).some((part) => part.startsWith(".")))
    .sort((a, b) => byteOrder(nameOf(a), nameOf(b)));
}

/** The files of a drop: files in their order, each folder's files (walked with webkitGetAsEntry) in its place. */
export async function droppedFiles(data: DataTransfer): Promise<{ files: File[]; folder: boolean }> {
  // Entries must be taken while the drop event runs; they are read afterwards.
  const items = [...data.items].filter((item) => item.kind === "file");
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
  const plain = items.map((item) => item.getAsFile());
  const found: File[] = [];
  let folder = false;
  for (const [i, entry] of entries.entries()) {
    if (entry?.isDirectory) {
      folder = true;
      const below: File[] = [];
      await walk(entry as FileSystemDirectoryEntry, below);
      found.push(...folderFiles(below));
    } else if (entry?.isFile) {
      found.push(await fileOf(entry as FileSystemFileEntry));
    } else if (plain[i]) {
      found.push(plain[i]!);
    }
  }
  return { files: found, folder };
}

/** Collects the files below a dropped folder, each named by its path from the folder's parent ("runs/a/b.txt"). */
async function walk(directory: FileSystemDirectoryEntry, found: File[]): Promise<void> {
  const reader = directory.createReader();
  for (;;) {
    // readEntries gives the entries in batches; an empty batch ends the folder.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const entry of batch) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, found);
      else if (entry.isFile) found.push(await fileOf(entry as FileSystemFileEntry, entry.fullPath.replace(/^\//, "")));
    }
  }
}

/** The File of an entry, renamed to `path` when given (a new File over the same bytes, nothing copied). */
async function fileOf(entry: FileSystemFileEntry, path?: string): Promise<File> {
  const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
  return path === undefined ? file : new File([file], path, { type: file.type, lastModified: file.lastModified });
}

/** The folder all the files come from, when they were chosen as one folder. */
export function folderName(input: File[], fromFolder: boolean): string | undefined {
  const top = new Set(input.map((file) => (nameOf(file).includes("/") ? nameOf(file).split("/")[0] : "")));
  return fromFolder && top.size === 1 && !top.has("") ? [...top][0] : undefined;
}
