#!/usr/bin/env node
// The command line: a thin shell over the library. Writes the output only when the whole
// run succeeded, in blocks; on failure one line "highest: ..." on stderr and SPEC's exit code.
import { fstatSync, readFileSync, writeSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { asHighestError } from "../core/model/errors";
import { rankInputs } from "./internal";
import { inputError } from "./os-errors";
import { parseArguments } from "./options";
import { startProgress } from "./progress";
import { dropEarlyWorker, startWorkerEarly } from "./early-worker";

// The bundle is build/node/highest-cli.js: the package's root is two folders up.
function version(): string {
  const manifest = resolvePath(__dirname, "..", "..", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

const specPath = () => resolvePath(__dirname, "..", "..", "docs", "SPEC.md");

function fail(thrown: unknown): void {
  const error = asHighestError(thrown);
  process.stderr.write(`highest: ${error.message}\n`);
  process.exitCode = error.exitCode;
}

/**
 * Writes the blocks to stdout. Straight to descriptor 1 while that works (process.stdout would load
 * and build a whole stream, ~5 ms of a short run); at the first write that does not (a full
 * non-blocking pipe, an error), the rest goes through process.stdout, which retries it and handles it.
 * The blocks may come as they are made by other threads (an async iterable).
 */
async function writeOutput(blocks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
  const iterator = Symbol.asyncIterator in blocks ? blocks[Symbol.asyncIterator]() : blocks[Symbol.iterator]();
  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    const block = step.value;
    let written = 0;
    try {
      while (written < block.length) written += writeSync(1, block, written, block.length - written);
    } catch {
      await writeStream(block.subarray(written), { [Symbol.asyncIterator]: () => iterator as AsyncIterator<Uint8Array> });
      return;
    }
  }
}

/** Writes to process.stdout, waiting when it is full; a reader that went away ends the run quietly. */
async function writeStream(first: Uint8Array, rest: AsyncIterable<Uint8Array>): Promise<void> {
  const out = process.stdout;
  let failed = false;
  let wake: (() => void) | undefined; // a write waiting for "drain" (or for the error that ends it)
  out.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    if (!failed) fail(inputError("standard output", error));
    failed = true;
    wake?.();
  });
  out.on("drain", () => wake?.());
  if (!out.write(first)) await new Promise<void>((resolve) => { wake = resolve; });
  for await (const block of rest) {
    if (failed) return;
    if (!out.write(block)) await new Promise<void>((resolve) => { wake = resolve; });
  }
}

/** process.stderr.isTTY, without building process.stderr (a stream) when it is not even a device. */
function stderrIsTerminal(): boolean {
  try {
    return fstatSync(2).isCharacterDevice() && process.stderr.isTTY === true;
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<void> {
  const request = parseArguments(argv, { version, specPath }); // read only for -V and --help
  if ("print" in request) {
    process.stdout.write(request.print);
    return;
  }
  const options = request.run;
  // A worker takes longer to boot than this thread to plan the run: it boots meanwhile.
  const early = startWorkerEarly(options.inputs, options.threads, options.minThreadedBytes);
  // No bar over records typed at a terminal (a read waiting there would hold Ctrl-C too).
  const typed = () => options.inputs.includes("-") && fstatSync(0).isCharacterDevice();
  const progress = options.progress ? startProgress(() => stderrIsTerminal() && !typed(), options.progressAfterMs) : undefined;
  try {
    const result = await rankInputs(options.inputs, options.count, {
      engine: options.engine,
      strict: options.strict,
      follow: options.follow,
      writeIndex: options.writeIndex,
      index: options.noIndex ? false : undefined,
      threads: options.threads, // undefined: the available cores, as in the library
      chunkSize: options.chunkSize,
      shard: options.shard,
      lineTexts: options.lines,
      lowest: options.lowest,
      records: options.records,
      decimal: options.decimal,
      onProgress: progress?.update,
      tuning: {
        segmentBytes: options.segmentBytes,
        minThreadedBytes: options.minThreadedBytes,
        build: options.build,
        indexSpacing: options.indexSpacing,
        // A part that starts mid-file counts the lines before it only when they are printed.
        lineNumbers: options.shard === undefined || options.locations,
      },
    }, { warn: (message) => process.stderr.write(`highest: warning: ${message}\n`), followName: "--follow" });
    if (early) await dropEarlyWorker(); // the run took it, or will not
    await progress?.finish(); // erased; a Ctrl-C during the run ends it here, before any output
    try {
      // Threads that found many of the rows format them (output/fragments.ts) while this one writes.
      await writeOutput(result.blocks({ compact: options.compact, locations: options.locations, lines: options.lines, records: options.records }));
    } finally {
      await result.close();
    }
  } finally {
    progress?.stop();
    if (early) await dropEarlyWorker();
  }
}

main(process.argv.slice(2)).catch(fail);
