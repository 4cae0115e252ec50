#!/usr/bin/env node
// The command line: a thin shell over the library. Writes the output only when the whole
// run succeeded, in blocks; on failure one line "highest: ..." on stderr and SPEC's exit code.
import * as fs from "node:fs";
import * as path from "node:path";
import { asHighestError } from "../core/errors";
import { outputBlocks } from "../core/format";
import { defaultThreads, rankInputs } from "./index";
import { inputError } from "./os-errors";
import { parseArguments } from "./options";
import { startProgress } from "./progress";

function version(): string {
  const manifest = path.resolve(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function fail(thrown: unknown): void {
  const error = asHighestError(thrown);
  process.stderr.write(`highest: ${error.message}\n`);
  process.exitCode = error.exitCode;
}

/** Writes the blocks to stdout, waiting when it is full; a reader that went away ends the run quietly. */
async function writeOutput(blocks: Iterable<Uint8Array>): Promise<void> {
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
  for (const block of blocks) {
    if (failed) return;
    if (!out.write(block)) await new Promise<void>((resolve) => { wake = resolve; });
  }
}

async function main(argv: string[]): Promise<void> {
  const request = parseArguments(argv, version); // the version is read only for -V
  if ("print" in request) {
    process.stdout.write(request.print);
    return;
  }
  const options = request.run;
  const progress = options.progress && process.stderr.isTTY ? startProgress() : undefined;
  try {
    const ranking = await rankInputs(options.inputs, options.count, {
      engine: options.engine,
      strict: options.strict,
      threads: options.threads ?? defaultThreads(),
      chunkSize: options.chunkSize,
      shard: options.shard,
      lineTexts: options.lines,
      onProgress: progress?.update,
      tuning: {
        segmentBytes: options.segmentBytes,
        minThreadedBytes: options.minThreadedBytes,
        build: options.build,
        // A part that starts mid-file counts the lines before it only when they are printed.
        lineNumbers: options.shard === undefined || options.locations,
      },
    });
    progress?.stop();
    await writeOutput(outputBlocks(ranking, { compact: options.compact, locations: options.locations, lines: options.lines }));
  } finally {
    progress?.stop();
  }
}

main(process.argv.slice(2)).catch(fail);
