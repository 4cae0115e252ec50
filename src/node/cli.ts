#!/usr/bin/env node
// The command line: a thin shell over the library. Prints the JSON only when the whole run
// succeeded; on failure one line "highest: ..." on stderr and SPEC's exit code.
import * as fs from "node:fs";
import * as path from "node:path";
import { asHighestError } from "../core/errors";
import { formatWinners } from "../core/format";
import { inputError } from "./file-source";
import { highest } from "./index";
import { parseArguments } from "./options";
import { startProgress } from "./progress";

function version(): string {
  const manifest = path.resolve(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Writes all of `text` to stdout; a reader that went away ends the run quietly. */
function writeOutput(text: string): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    fail(inputError("standard output", error));
  });
  process.stdout.write(text);
}

/** Test knobs: HIGHEST_MIN_THREADED_BYTES and HIGHEST_SEGMENT_BYTES thread small files. */
function threadTuningFromEnv() {
  const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return { minThreadedBytes: number("HIGHEST_MIN_THREADED_BYTES"), segmentBytes: number("HIGHEST_SEGMENT_BYTES") };
}

function fail(thrown: unknown): void {
  const error = asHighestError(thrown);
  process.stderr.write(`highest: ${error.message}\n`);
  process.exitCode = error.exitCode;
}

async function main(argv: string[]): Promise<void> {
  const request = parseArguments(argv, version());
  if ("print" in request) {
    process.stdout.write(request.print);
    return;
  }
  const options = request.run;
  const progress = options.progress && process.stderr.isTTY ? startProgress() : undefined;
  try {
    const winners = await highest(options.file, options.count, {
      engine: options.engine,
      strict: options.strict,
      threads: options.threads,
      chunkSize: options.chunkSize,
      threadTuning: threadTuningFromEnv(),
      onProgress: progress?.update,
    });
    progress?.stop();
    writeOutput(formatWinners(winners, options.compact));
  } finally {
    progress?.stop();
  }
}

main(process.argv.slice(2)).catch(fail);
