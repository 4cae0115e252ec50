// What a directory given as an input stands for: the regular files below it, recursively, in
// byte order of their paths, and a count of what was left out (so that a folder of links that
// ranks as [] can say why). With `follow`, symbolic links inside are followed to files and
// directories; a directory is entered once (by device and inode), so a cycle of links ends.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { sep } from "node:path";
import { inputError } from "./os-errors";

/** Entries below a directory that are not among its files. */
export interface LeftOut {
  /** Symbolic links (not followed without `follow`). */
  links: number;
  /** With `follow`: links whose target is missing or a loop of links. */
  brokenLinks: number;
  /** FIFOs, sockets, devices (reading one could block or never end), also as a link's target. */
  special: number;
  /** Names that begin with "." (files and directories; a dot-directory counts once). */
  dotNames: number;
}

export interface DirectoryFiles {
  /** The paths, a Buffer where the path is not valid UTF-8 (it opens only by its bytes). */
  files: Array<string | Buffer>;
  leftOut: LeftOut;
}

/** A link whose target cannot be reached: left out and counted, as `find -L` passes it over. */
const BROKEN_LINK = new Set(["ENOENT", "ELOOP", "ENOTDIR"]);

/** A path as messages and --locations show it: its bytes as UTF-8, each invalid sequence as U+FFFD. */
export const shownPath = (path: string | Buffer): string => path.toString();

/** The regular files below `directory` and what was left out (see the file comment). */
export function filesBelow(directory: string, follow = false): DirectoryFiles {
  const found: Buffer[] = [];
  const leftOut: LeftOut = { links: 0, brokenLinks: 0, special: 0, dotNames: 0 };
  const separator = Buffer.from(sep);
  const entered = new Set<string>(); // "dev:ino" of the directories entered, with `follow` only
  const stat = (path: Buffer) => statSync(path, { bigint: true }); // inodes may pass 2^53

  const enter = (folder: Buffer) => {
    if (follow) {
      let key: string;
      try { const s = stat(folder); key = `${s.dev}:${s.ino}`; } catch (error) { throw inputError(shownPath(folder), error); }
      if (entered.has(key)) return; // reached again through a link: its files are already found
      entered.add(key);
    }
    let entries: Dirent<Buffer>[];
    try { entries = readdirSync(folder, { withFileTypes: true, encoding: "buffer" }); } catch (error) { throw inputError(shownPath(folder), error); }
    // Names in byte order: which path first reaches a directory (the one its files are found
    // under) does not depend on the order the file system lists them in.
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name[0] === 0x2e) { leftOut.dotNames++; continue; } // "."
      const full = Buffer.concat(folder.at(-1) === separator[0] ? [folder, entry.name] : [folder, separator, entry.name]);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!follow) { leftOut.links++; continue; }
        try {
          const target = stat(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          if (!BROKEN_LINK.has((error as NodeJS.ErrnoException).code ?? "")) throw inputError(shownPath(full), error);
          leftOut.brokenLinks++;
          continue;
        }
      }
      if (isDirectory) enter(full);
      else if (isFile) found.push(full);
      else leftOut.special++;
    }
  };
  enter(Buffer.from(directory));
  const files = found.sort(Buffer.compare).map((path) => (Buffer.from(shownPath(path)).equals(path) ? path.toString() : path));
  return { files, leftOut };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The warning for inputs that expanded to no file while directories held entries that were left
 * out: "runs/ holds 12 symbolic links (--follow follows them)". `followName` is how the caller
 * spells the option ("--follow", "follow: true"); it is named only when links were left out.
 * Undefined when nothing was left out (an empty directory is not worth a warning).
 */
export function noInputFilesWarning(directories: Array<{ name: string; leftOut: LeftOut }>, followName: string): string | undefined {
  const said: string[] = [];
  let links = false;
  for (const { name, leftOut } of directories) {
    const parts = [
      leftOut.links ? plural(leftOut.links, "symbolic link", "symbolic links") : "",
      leftOut.brokenLinks ? plural(leftOut.brokenLinks, "broken symbolic link", "broken symbolic links") : "",
      leftOut.special ? plural(leftOut.special, "special file (FIFO, socket or device)", "special files (FIFOs, sockets or devices)") : "",
      leftOut.dotNames ? plural(leftOut.dotNames, "name starting with '.'", "names starting with '.'") : "",
    ].filter(Boolean);
    if (parts.length === 0) continue;
    links ||= leftOut.links > 0;
    const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
    said.push(`${name} holds ${list}`);
  }
  if (said.length === 0) return undefined;
  return `no input files: ${said.join("; ")}${links ? ` (${followName} follows them)` : ""}`;
}
