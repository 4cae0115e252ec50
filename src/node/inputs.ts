// The inputs of a Node run, in order: paths as given (directories expanded to the regular
// files below them by directories.ts), "-" for standard input, and the streams and bytes a
// library caller passes. Each becomes a PlannedInput (what every thread may know) and a
// NodeInputSource (this thread's handle).
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import type { Readable } from "node:stream";
import { HighestError } from "../core/model/errors";
import { HEAD_BYTES, fileCompression, readCompression } from "../core/input/compression";
import { PlannedInput } from "../core/model/plan";
import { ByteSource } from "../core/input/source";
import { NodeInputSource, stampOf } from "./access";
import { LeftOut, filesBelow, shownPath } from "./directories";
import { inputError } from "./os-errors";
import { findIndex } from "./gzip-index-file";
import { INDEX_SUFFIX } from "./index-path";
import { INDEX_SPACING } from "../core/input/index-recorder";

/** One input a Node run can read: a path ("-" for standard input), a readable stream, bytes, or a ByteSource. */
export type NodeInput = string | Readable | AsyncIterable<Uint8Array> | Uint8Array | ByteSource;

/** The expanded inputs of a run. */
export interface ExpandedInputs {
  inputs: PlannedInput[];
  sources: NodeInputSource[];
  /** Name the input in data errors: several inputs were given, or a directory. */
  nameInputs: boolean;
  /** Each directory given (as given) and what below it was left out, for the warning when no file was found. */
  directories: Array<{ name: string; leftOut: LeftOut }>;
  /** Indexes beside gzip files that were left out (they do not match): one warning each. */
  warnings: string[];
}

/** How gzip files' indexes are taken: used (X.gzidx, or a path for the one input), ignored, written. */
export interface Indexing {
  use: boolean;
  given?: string;
  write: boolean;
  /** Compressed bytes between the points of an index written. */
  spacing?: number;
}

/**
 * Expands the inputs in order; `follow`: follow symbolic links inside directories. Throws a
 * usage error for a second "-", an input error for what cannot be opened.
 */
export async function expandInputs(given: NodeInput[], follow = false, indexing: Indexing = { use: true, write: false }): Promise<ExpandedInputs> {
  const inputs: PlannedInput[] = [];
  const sources: NodeInputSource[] = [];
  let sawStdin = false;
  const directories: ExpandedInputs["directories"] = [];
  const warnings: string[] = [];
  const add = (input: PlannedInput, source: NodeInputSource) => { inputs.push(input); sources.push(source); };
  const indexFiles: string[] = [];
  const addFile = (file: string, path: string | Buffer = file) => {
    if (file.endsWith(INDEX_SUFFIX)) return void indexFiles.push(file); // an index, never data (below)
    const warning = addGzipFile(file, add, indexing, path);
    if (warning) warnings.push(warning);
  };
  for (const [i, item] of given.entries()) {
    if (typeof item === "string") {
      if (item === "-") {
        if (sawStdin) throw new HighestError("usage", "standard input ('-') can be named only once");
        sawStdin = true;
        add({ name: "-", size: 0, segmentable: false, rereadable: false }, { kind: "pipe", fd: 0 });
        continue;
      }
      let stat: Stats;
      try { stat = statSync(item); } catch (error) { throw inputError(item, error); }
      if (stat.isDirectory()) {
        const below = filesBelow(item, follow);
        directories.push({ name: item, leftOut: below.leftOut });
        for (const file of below.files) addFile(shownPath(file), file);
      } else if (stat.isFile()) {
        addFile(item);
      } else {
        add({ name: item, size: 0, segmentable: false, rereadable: false }, { kind: "pipe", path: item });
      }
    } else if (item instanceof Uint8Array) {
      const compression = readCompression(`input ${i + 1}`, item);
      add({ name: `input ${i + 1}`, size: item.length, segmentable: !compression, rereadable: !compression, compression },
        { kind: "bytes", bytes: item, compression });
    } else if (typeof (item as ByteSource | null)?.read === "function" && !isReadable(item)) {
      const source = item as ByteSource;
      add({ name: `input ${i + 1}`, size: source.size ?? 0, segmentable: false, rereadable: source.readAt !== undefined },
        { kind: "custom", source });
    } else if (item !== null && typeof item === "object" && Symbol.asyncIterator in item) {
      add({ name: `input ${i + 1}`, size: 0, segmentable: false, rereadable: false }, { kind: "chunks", chunks: item as AsyncIterable<Uint8Array> });
    } else {
      throw new HighestError("usage", "unsupported input: give a path, a readable stream or bytes");
    }
  }
  warnings.push(...unpairedIndexes(indexFiles, inputs));
  return { inputs, sources, nameInputs: given.length > 1 || directories.length > 0, directories, warnings };
}

/**
 * Files named X.gzidx (named or found in a directory) are indexes, not data: each is left out,
 * silently when X is among the inputs (X's run finds it beside X), else with a warning.
 */
function unpairedIndexes(indexFiles: string[], inputs: PlannedInput[]): string[] {
  const names = new Set(inputs.map((input) => input.name));
  return indexFiles.filter((file) => !names.has(file.slice(0, -INDEX_SUFFIX.length)))
    .map((file) => `${file} is left out: it is an index, and ${file.slice(0, -INDEX_SUFFIX.length)} is not among the inputs`);
}

/** A Node stream (node:stream is loaded only here: runs of paths do not need it). */
export function isReadable(item: unknown): item is Readable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return item instanceof (require("node:stream") as typeof import("node:stream")).Readable;
}

/**
 * A regular file: plain (cut into segments, re-read by offset), BGZF (cut at members, lines
 * kept) or other gzip (cut at the points of its index when it has one that matches, else one
 * unit; lines kept); other compressed formats refused. Returns the warning of an index left out.
 */
function addGzipFile(file: string, add: (input: PlannedInput, source: NodeInputSource) => void, indexing: Indexing,
  path: string | Buffer = file): string | undefined {
  let fd: number;
  try { fd = openSync(path, "r"); } catch (error) { throw inputError(file, error); }
  try {
    const stat = fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    const head = new Uint8Array(HEAD_BYTES);
    const compression = fileCompression(file, head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    const found = compression === "gzip" && indexing.use ? findIndex(path, file, stat, indexing.given) : {};
    add({
      name: file, size, segmentable: true, rereadable: compression === undefined, compression, path, stamp: stampOf(stat),
      index: found.index, writeIndex: compression === "gzip" && indexing.write && !found.index ? indexing.spacing ?? INDEX_SPACING : undefined,
    }, { kind: "path", path, compression });
    return found.warning;
  } catch (error) {
    throw inputError(file, error);
  } finally {
    closeSync(fd);
  }
}
