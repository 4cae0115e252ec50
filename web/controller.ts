// The page's runs: the files picked, a run of them in the page's worker with the options set,
// its progress, Cancel, and what ends it (a result, or the library's error as the CLI prints it).
import { HighestError, highestInWorker, type Progress } from "../src/browser/index";
import {
  app, cancelButton, countInput, decimalBox, engineSelect, errorBox, errorMessage, errorTitle, fileList, fileName, lowestBox, progressBar,
  progressPanel, progressText, recordsBox, results, runButton, strictBox, threadsSelect, warningList,
} from "./elements";
import { figure, megabytes, rate } from "./figures";
import { folderName, nameOf } from "./folder";
import { pairIndexes } from "./indexes";
import { dim, hasRecords, showResults } from "./results";

const ERROR_TITLES: Record<string, string> = {
  data: "The file is not valid",
  input: "The file could not be read",
  usage: "Check the options",
  internal: "Something went wrong",
};
/** The list of chosen files is drawn when it has at most this many. */
const LISTED_FILES = 12;

/** The library's worker script (build/browser/highest.worker.mjs), served beside the page's folder. */
const worker = new Worker(new URL("../highest.worker.mjs", location.href), { type: "module" });
/** The files of the next run, in the order they are ranked (ties go to the earlier file). */
let files: File[] = [];
/** The gzip index of each file (null: none), picked beside it (indexes.ts). */
let indexes: Array<File | null> = [];
/** Warnings of the pick (an index without its file), shown again at each run. */
let pickWarnings: string[] = [];
/** A folder was chosen: data errors name the file even when it is the only one (as the CLI does for a directory). */
let fromFolder = false;
let running: AbortController | undefined;
/** Bytes the current run has read so far (for "Cancelled after …"). */
let readSoFar = 0;
/** The options of the last run started: changing one runs again on the same files. */
let ranWith: string | undefined;

/** Something to run: files, or a folder (an empty one ranks as nothing: [], as the CLI prints for an empty directory). */
export const picked = (): boolean => files.length > 0 || fromFolder;

export function setState(state: "idle" | "running" | "done" | "failed" | "cancelled"): void {
  app.dataset.state = state;
  runButton.disabled = !picked() || state === "running";
  cancelButton.hidden = state !== "running";
  progressPanel.hidden = state !== "running" && state !== "cancelled";
}

/** The options a run is made with (Records too, but it is handled apart: see recordsChanged). */
function settings(): string {
  return JSON.stringify([countInput.value.trim(), engineSelect.value, strictBox.checked, threadsSelect.value, lowestBox.checked, decimalBox.checked]);
}

/** An option changed: run again on the same files, unless the last run had these options already. */
export function optionChanged(): void {
  if (picked() && settings() !== ranWith) void run();
}

/**
 * Records ticked: a result that has its records is drawn again with them; else (or while a run
 * without them goes on) a run asks for them. Unticked: drawn again without them, no run.
 */
export function recordsChanged(): boolean {
  return recordsBox.checked && picked() && (!hasRecords() || running !== undefined);
}

export function chooseFiles(picks: File[], folder: boolean): void {
  if (picks.length === 0 && !folder) return;
  const paired = pairIndexes(picks);
  const chosen = paired.files;
  files = chosen;
  indexes = paired.indexes;
  pickWarnings = paired.warnings;
  fromFolder = folder;
  showWarnings(pickWarnings);
  const total = chosen.reduce((sum, file) => sum + file.size, 0);
  fileName.textContent = chosen.length === 1
    ? `${nameOf(chosen[0])} · ${megabytes(total)}`
    : `${chosen.length} files · ${megabytes(total)}`;
  fileName.dataset.count = String(chosen.length);
  const listed = chosen.length > 1 && chosen.length <= LISTED_FILES;
  fileList.replaceChildren(...(listed ? chosen.map((file) => {
    const item = document.createElement("li");
    item.textContent = `${nameOf(file)} · ${megabytes(file.size)}${indexes[chosen.indexOf(file)] ? " · indexed" : ""}`;
    return item;
  }) : []));
  fileList.hidden = !listed;
  if (picked()) void run();
  else setState("idle");
}

/** The warning lines of the pick and of the run, as the command line prints them on standard error. */
function showWarnings(lines: string[]): void {
  warningList.replaceChildren(...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  warningList.hidden = lines.length === 0;
}

function showProgress(progress: Progress, startedAt: number): void {
  readSoFar = progress.bytesRead;
  // Without a total (a stream's size is not known), only what was read is shown.
  const total = progress.totalBytes ?? 0;
  progressBar.value = total > 0 ? Math.min(1, progress.bytesRead / total) : 0;
  const elapsed = performance.now() - startedAt;
  const percent = total > 0 ? `${Math.floor((100 * Math.min(progress.bytesRead, total)) / total)}% · ` : "";
  // The library reports only bytes read: once all are read, what is left until the result is
  // the check of the winners (re-read and validated). Formatting is the page's own step (run()).
  const phase = total > 0 && progress.bytesRead >= total ? "Checking the winners…" : "Reading…";
  const parts = [`${phase} ${percent}`, figure(megabytes(progress.bytesRead))];
  if (total > 0) parts.push(" of ", figure(megabytes(total)));
  progressText.replaceChildren(...parts, " · ", figure(rate(progress.bytesRead, elapsed)));
}

/** The inputs as the command line would name them: a folder's name, up to three names quoted for a shell, else a count. */
function commandInputs(input: File[], folder: boolean): string {
  const shell = (name: string) => (/^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`);
  const names = input.length <= 3 ? input.map((file) => shell(nameOf(file))).join(" ") : `<${input.length} files>`;
  return folderName(input, folder) ?? names;
}

export async function run(): Promise<void> {
  if (!picked()) return;
  const count = countInput.value.trim();
  if (!/^[0-9]+$/.test(count)) {
    showError(new HighestError("usage", "count must be a non-negative integer"));
    return;
  }
  running?.abort();
  const controller = new AbortController();
  running = controller;
  ranWith = settings();
  readSoFar = 0;
  const engine = engineSelect.value as "wasm" | "js";
  const strict = strictBox.checked;
  const lowest = lowestBox.checked;
  const decimal = decimalBox.checked;
  const records = recordsBox.checked;
  const input = files;
  const index = indexes.some((file) => file !== null) ? indexes : undefined;
  const folder = fromFolder;
  const warnings = [...pickWarnings];
  showWarnings(warnings);
  errorBox.hidden = true;
  progressBar.value = 0;
  progressText.textContent = "Starting…";
  setState("running");
  dim(true); // the result drawn, if any, is no longer the answer to what is picked
  const startedAt = performance.now();
  let threads = 1;
  try {
    const winners = await highestInWorker(worker, input, BigInt(count), {
      engine, strict, lowest, decimal, records, index, signal: controller.signal,
      onWarning: (warning) => {
        if (running !== controller) return;
        warnings.push(warning);
        showWarnings(warnings);
      },
      threads: Number(threadsSelect.value), onThreads: (now) => (threads = now),
      onProgress: (progress) => { if (running === controller) showProgress(progress, startedAt); },
    });
    if (running !== controller) return; // a newer run took over, or Cancel
    const elapsed = performance.now() - startedAt;
    progressText.textContent = "Formatting…";
    const bytes = input.reduce((sum, file) => sum + file.size, 0);
    const of = input.length === 1 ? nameOf(input[0]) : `${input.length} files`;
    const facts = {
      shown: winners.length, all: BigInt(winners.length) < BigInt(count), lowest, of, bytes, elapsed, engine, strict,
      asked: Number(threadsSelect.value), threads,
    };
    const base = input.length === 1 ? input[0].name.replace(/\.[^.]*$/, "") : folderName(input, folder) ?? "highest";
    const from = { inputs: commandInputs(input, folder), count: BigInt(count), lowest, decimal, of, base };
    if (!(await showResults(winners, facts, from, controller.signal))) return;
    app.dataset.elapsedMs = elapsed.toFixed(1);
    app.dataset.bytes = String(bytes);
    app.dataset.threads = String(threads);
    running = undefined;
    setState("done");
  } catch (thrown) {
    if (running !== controller) return;
    const error = thrown as HighestError;
    if (error.kind === "aborted") return; // Cancel has said so already
    // A folder of one file: the CLI names the file in a data error, as for any directory.
    const named = folder && input.length === 1 && error.line !== undefined && error.input === undefined
      ? new HighestError(error.kind, error.detail, error.line, nameOf(input[0])) : error;
    running = undefined;
    showError(named);
  }
}

/** Cancel: says how far the run got and keeps the previous result (if any), dimmed. */
export function cancel(): void {
  if (!running) return;
  running.abort();
  running = undefined;
  progressText.textContent = `Cancelled after ${megabytes(readSoFar)}`;
  setState("cancelled");
}

/**
 * The library refuses compressed formats it does not read with an input error whose text names
 * the format (it has no field for it): "x.zst: zstd input is not supported (decompress it first, …)".
 */
const NOT_READ = /(?:^|: )(\w+) input is not supported \(/;

export function showError(error: HighestError): void {
  const format = error.kind === "input" ? NOT_READ.exec(error.detail)?.[1] : undefined;
  errorTitle.textContent = format ? `The file is ${format}, a format highest does not read` : ERROR_TITLES[error.kind] ?? ERROR_TITLES.internal;
  errorMessage.textContent = `highest: ${error.message}`; // the line the command line prints
  errorBox.hidden = false;
  results.hidden = true;
  setState("failed");
}
