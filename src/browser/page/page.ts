// The page: pick or drop files or a folder, run highest() over all of them in a worker, show
// the winners (with their file and line) and the JSON exactly as the command line prints it. Bundled by ../bundle.mjs into build/browser/page/app.js.
import { HighestError } from "../../core/model/errors";
import { OutputFormat, formatPieces, winnerRows } from "../../core/output/format";
import { formatWinners, outputBlocks } from "../../core/output/join";
import { Progress } from "../../core/model/options";
import { Winner } from "../../core/model/winner";
import { highestInWorker } from "../worker-client";

/**
 * Rows drawn in the table and the JSON view (60 MB of JSON in a <pre> blocks the page for
 * half a minute); Download all saves every one.
 */
const SHOWN_ROWS = 1000;
/**
 * Threads for files of 256 MB or more: up to the cores (at least two) when the page is
 * cross-origin isolated (`npm run web` sends COOP/COEP), else one: browsers give shared memory
 * (which threads need) only to isolated pages. The most is the default.
 */
const MAX_THREADS = crossOriginIsolated ? Math.max(2, navigator.hardwareConcurrency || 2) : 1;

const ERROR_TITLES: Record<string, string> = {
  data: "The file is not valid",
  input: "The file could not be read",
  usage: "Check the options",
  internal: "Something went wrong",
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = byId<HTMLElement>("app");
const fileInput = byId<HTMLInputElement>("file-input");
const folderInput = byId<HTMLInputElement>("folder-input");
const dropZone = byId<HTMLElement>("drop-zone");
const fileName = byId<HTMLSpanElement>("file-name");
const fileList = byId<HTMLUListElement>("file-list");
const form = byId<HTMLFormElement>("options");
const countInput = byId<HTMLInputElement>("count");
const engineSelect = byId<HTMLSelectElement>("engine");
const strictBox = byId<HTMLInputElement>("strict");
const runButton = byId<HTMLButtonElement>("run");
const cancelButton = byId<HTMLButtonElement>("cancel");
const progressPanel = byId<HTMLElement>("progress-panel");
const progressBar = byId<HTMLProgressElement>("progress");
const progressText = byId<HTMLParagraphElement>("progress-text");
const errorBox = byId<HTMLElement>("error");
const errorTitle = byId<HTMLParagraphElement>("error-title");
const errorMessage = byId<HTMLParagraphElement>("error-message");
const results = byId<HTMLElement>("results");
const summary = byId<HTMLParagraphElement>("summary");
const tableBody = document.querySelector("#winners tbody") as HTMLTableSectionElement;
const tableNote = byId<HTMLParagraphElement>("table-note");
const jsonView = byId<HTMLPreElement>("json");
const jsonNote = byId<HTMLParagraphElement>("json-note");
const jsonCommand = byId<HTMLElement>("json-command");
const locationsBox = byId<HTMLInputElement>("locations");
const copyButton = byId<HTMLButtonElement>("copy");
const downloadLink = byId<HTMLAnchorElement>("download");
const threadsSelect = byId<HTMLSelectElement>("threads");

const worker = new Worker(new URL("worker.js", location.href), { type: "module" });
/** The files of the next run, in the order they are ranked (ties go to the earlier file). */
let files: File[] = [];
/** A folder was chosen: data errors name the file even when it is the only one (as the CLI does for a directory). */
let fromFolder = false;
let running: AbortController | undefined;
/** Bytes the current run has read so far (for "Cancelled after …"). */
let readSoFar = 0;
/** The options of the last run started: changing one runs again on the same files. */
let ranWith: string | undefined;
let jsonText = "";
let shown: Winner[] = [];
/** Ends the making of a download that a newer one replaces. */
let formatting: AbortController | undefined;
/** Downloads being made (one, but for a moment while a replaced one ends). */
let making = 0;
/** The list of chosen files is drawn when it has at most this many. */
const LISTED_FILES = 12;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

function rate(bytes: number, ms: number): string {
  return ms > 0 ? `${Math.round(bytes / 1e3 / ms)} MB/s` : "";
}

function setState(state: "idle" | "running" | "done" | "failed" | "cancelled"): void {
  app.dataset.state = state;
  runButton.disabled = (files.length === 0 && !fromFolder) || state === "running";
  cancelButton.hidden = state !== "running";
  progressPanel.hidden = state !== "running" && state !== "cancelled";
  // The previous result stays until a new one replaces it, dimmed while a run may.
  results.classList.toggle("stale", state === "running");
}

/** The options a run is made with. */
function settings(): string {
  return JSON.stringify([countInput.value.trim(), engineSelect.value, strictBox.checked, threadsSelect.value]);
}

/** The name a file has in a run and its messages: its path within a chosen folder, else its name. */
function nameOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

const utf8 = new TextEncoder();

/** Byte order of the UTF-8 texts, as the CLI sorts a directory's paths. */
function byteOrder(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** A folder's files as the CLI takes a directory: names starting with "." left out (below the folder), byte order of paths. */
function folderFiles(found: File[]): File[] {
  return found
    .filter((file) => !nameOf(file).split("/").slice(1).some((part) => part.startsWith(".")))
    .sort((a, b) => byteOrder(nameOf(a), nameOf(b)));
}

function chooseFiles(chosen: File[], folder: boolean): void {
  if (chosen.length === 0 && !folder) return;
  files = chosen; // an empty folder ranks as nothing: [], as the CLI prints for an empty directory
  fromFolder = folder;
  const total = chosen.reduce((sum, file) => sum + file.size, 0);
  fileName.textContent = chosen.length === 1
    ? `${nameOf(chosen[0])} · ${megabytes(total)}`
    : `${chosen.length} files · ${megabytes(total)}`;
  fileName.dataset.count = String(chosen.length);
  const listed = chosen.length > 1 && chosen.length <= LISTED_FILES;
  fileList.replaceChildren(...(listed ? chosen.map((file) => {
    const item = document.createElement("li");
    item.textContent = `${nameOf(file)} · ${megabytes(file.size)}`;
    return item;
  }) : []));
  fileList.hidden = !listed;
  void run();
}

/** The files of a drop: files in their order, each folder's files (walked with webkitGetAsEntry) in its place. */
async function droppedFiles(data: DataTransfer): Promise<{ files: File[]; folder: boolean }> {
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

function showProgress(progress: Progress, startedAt: number): void {
  readSoFar = progress.bytesRead;
  // Without a total (a stream's size is not known), only what was read is shown.
  const total = progress.totalBytes ?? 0;
  progressBar.value = total > 0 ? Math.min(1, progress.bytesRead / total) : 0;
  const elapsed = performance.now() - startedAt;
  const percent = total > 0 ? `${Math.floor((100 * Math.min(progress.bytesRead, total)) / total)}% · ` : "";
  const of = total > 0 ? ` of ${megabytes(total)}` : "";
  // The library reports only bytes read (its options stay as they are): once all are read, what is
  // left until the result is the check of the winners (re-read and validated). Formatting is the
  // page's own step (run()).
  const phase = total > 0 && progress.bytesRead >= total ? "Checking the winners…" : "Reading…";
  progressText.textContent = `${phase} ${percent}${megabytes(progress.bytesRead)}${of} · ${rate(progress.bytesRead, elapsed)}`;
}

async function run(): Promise<void> {
  if (files.length === 0 && !fromFolder) return;
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
  const input = files;
  const folder = fromFolder;
  errorBox.hidden = true;
  progressBar.value = 0;
  progressText.textContent = "Starting…";
  setState("running");
  const startedAt = performance.now();
  let threads = 1;
  try {
    const winners = await highestInWorker(worker, input, BigInt(count), {
      engine, strict: strictBox.checked, signal: controller.signal,
      threads: Number(threadsSelect.value), onThreads: (now) => (threads = now),
      onProgress: (progress) => { if (running === controller) showProgress(progress, startedAt); },
    });
    if (running !== controller) return; // a newer run took over, or Cancel
    const elapsed = performance.now() - startedAt;
    progressText.textContent = "Formatting…";
    if (!(await showResults(winners, input, BigInt(count), engine, elapsed, threads, controller.signal))) return;
    app.dataset.elapsedMs = elapsed.toFixed(1);
    app.dataset.bytes = String(input.reduce((sum, file) => sum + file.size, 0));
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

/** Cancel: says how far the run got and keeps the previous result (if any) as it was. */
function cancel(): void {
  if (!running) return;
  running.abort();
  running = undefined;
  progressText.textContent = `Cancelled after ${megabytes(readSoFar)}`;
  setState("cancelled");
}

function showError(error: HighestError): void {
  errorTitle.textContent = ERROR_TITLES[error.kind] ?? ERROR_TITLES.internal;
  errorMessage.textContent = `highest: ${error.message}`; // the line the command line prints
  errorBox.hidden = false;
  results.hidden = true;
  setState("failed");
}

/** Draws a result (once its download is made: false when `signal` ended that first). */
async function showResults(
  winners: Winner[], input: File[], count: bigint, engine: string, elapsed: number, threads: number, signal: AbortSignal,
): Promise<boolean> {
  const engineName = engine === "wasm" ? "WebAssembly" : "JavaScript";
  const size = input.reduce((sum, file) => sum + file.size, 0);
  formatting?.abort();
  const download = await makeDownload(winners, signal);
  if (!download) return false;
  summary.replaceChildren(
    BigInt(winners.length) < count ? "All " : "Top ", strong(winners.length.toLocaleString("en")), " records of ",
    strong(input.length === 1 ? nameOf(input[0]) : `${input.length} files`),
    ` · ${megabytes(size)} in ${(elapsed / 1000).toFixed(2)} s · ${rate(size, elapsed)} · ${engineName}`
      + (strictBox.checked ? " · strict" : "") + ` · ${threads} thread${threads === 1 ? "" : "s"}`,
  );

  const rows = document.createDocumentFragment();
  winners.slice(0, SHOWN_ROWS).forEach((winner, index) => {
    const row = document.createElement("tr");
    // The id's value; a number as written (its digits beyond 2^53 are in idJson only).
    const id = typeof winner.id === "string" ? winner.id : winner.idJson;
    for (const [text, className] of [
      [String(index + 1), "rank num"], [String(winner.score), "score"], [id, "id"], [winner.input, "file"],
      [String(winner.line), "line num"],
    ]) {
      const cell = document.createElement("td");
      cell.className = className;
      cell.textContent = text;
      row.append(cell);
    }
    rows.append(row);
  });
  tableBody.replaceChildren(rows);
  const cut = winners.length > SHOWN_ROWS;
  tableNote.hidden = jsonNote.hidden = !cut;
  tableNote.textContent = jsonNote.textContent =
    `The first ${SHOWN_ROWS.toLocaleString("en")} of ${winners.length.toLocaleString("en")} records; Download all saves every one.`;
  copyButton.hidden = cut; // the clipboard takes one string: all of it only by Download

  shown = winners;
  const shell = (name: string) => (/^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`);
  const names = input.length <= 3 ? input.map((file) => shell(nameOf(file))).join(" ") : `<${input.length} files>`;
  jsonCommand.dataset.inputs = folderName(input) ?? names;
  jsonCommand.dataset.count = String(count);
  showJson(download);
  results.hidden = false;
  return true;
}

/** The folder all the files come from, when they were chosen as one folder. */
function folderName(input: File[]): string | undefined {
  const top = new Set(input.map((file) => (nameOf(file).includes("/") ? nameOf(file).split("/")[0] : "")));
  return fromFolder && top.size === 1 && !top.has("") ? [...top][0] : undefined;
}

/** The format of the JSON view and the download: `highest <inputs> <count>`'s, `--locations` when ticked. */
function jsonFormat(): OutputFormat {
  return { compact: false, locations: locationsBox.checked };
}

/**
 * The whole output as a Blob of the formatter's blocks (never one string), made in steps so that
 * the page stays responsive for millions of rows; undefined when `signal` ends it first.
 */
async function makeDownload(winners: Winner[], signal: AbortSignal): Promise<Blob | undefined> {
  locationsBox.disabled = true; // its format is the one being made
  making++;
  try {
    return await blobOf(winners, signal);
  } finally {
    locationsBox.disabled = --making > 0;
  }
}

async function blobOf(winners: Winner[], signal: AbortSignal): Promise<Blob | undefined> {
  const blocks: Uint8Array<ArrayBuffer>[] = [];
  let since = performance.now();
  for (const block of outputBlocks(winnerRows(winners), jsonFormat())) {
    blocks.push(block as Uint8Array<ArrayBuffer>);
    if (performance.now() - since > 40) {
      await new Promise((resolve) => setTimeout(resolve));
      if (signal.aborted) return undefined;
      since = performance.now();
    }
  }
  return signal.aborted ? undefined : new Blob(blocks, { type: "application/json" });
}

/** Shows the JSON: its first SHOWN_ROWS records as printed (then "…"), and the Download link to `download`. */
function showJson(download: Blob): void {
  const format = jsonFormat();
  const cut = shown.length > SHOWN_ROWS;
  const head = formatWinners(shown.slice(0, SHOWN_ROWS), format);
  // Cut: the output's first bytes, up to the last shown record's separator, then an ellipsis.
  jsonText = cut ? `${head.slice(0, head.length - formatPieces(format).close.length)},\n  …\n` : head;
  jsonView.textContent = jsonText;
  jsonCommand.textContent = `highest ${jsonCommand.dataset.inputs ?? "<file>"} ${jsonCommand.dataset.count ?? "<count>"}${format.locations ? " --locations" : ""}`;
  linkTo(download);
  const base = files.length === 1 ? files[0].name.replace(/\.[^.]*$/, "") : folderName(files) ?? "highest";
  downloadLink.download = `${base}.highest.json`;
  downloadLink.textContent = cut ? "Download all" : "Download";
  downloadLink.dataset.bytes = String(download.size);
}

/** Points the Download link at `download` (none: no link), freeing the file it pointed at. */
function linkTo(download: Blob | undefined): void {
  if (downloadLink.href) URL.revokeObjectURL(downloadLink.href);
  if (download) downloadLink.href = URL.createObjectURL(download);
  else downloadLink.removeAttribute("href");
}

/** Locations ticked or not: the view and the download made again. */
async function reformat(): Promise<void> {
  formatting?.abort();
  const controller = new AbortController();
  formatting = controller;
  linkTo(undefined); // no link to the other format's file meanwhile
  const download = await makeDownload(shown, controller.signal);
  if (download) showJson(download);
}

function strong(text: string): HTMLElement {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}

async function copyJson(): Promise<void> {
  try {
    await navigator.clipboard.writeText(jsonText);
  } catch {
    // Without clipboard permission: select the text so Ctrl+C works.
    getSelection()?.selectAllChildren(jsonView);
    document.execCommand("copy");
  }
  copyButton.textContent = "Copied";
  setTimeout(() => (copyButton.textContent = "Copy"), 1500);
}

fileInput.addEventListener("change", () => chooseFiles([...(fileInput.files ?? [])], false));
folderInput.addEventListener("change", () => chooseFiles(folderFiles([...(folderInput.files ?? [])]), true));
// Cleared as the picker opens, so choosing the same files again (perhaps changed) runs again.
fileInput.addEventListener("click", () => (fileInput.value = ""));
folderInput.addEventListener("click", () => (folderInput.value = ""));
locationsBox.addEventListener("change", () => void reformat());
// Options apply to the files picked: a change runs again (unless the last run had them already).
for (const control of [countInput, engineSelect, strictBox, threadsSelect]) {
  control.addEventListener("change", () => {
    if ((files.length > 0 || fromFolder) && settings() !== ranWith) void run();
  });
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run();
});
cancelButton.addEventListener("click", cancel);
dropZone.addEventListener("click", (event) => {
  if (!(event.target as Element).closest("label, input")) fileInput.click();
});
copyButton.addEventListener("click", () => void copyJson());

// Files or folders dropped anywhere on the page are taken; the drop zone lights up while dragging.
document.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropZone.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => {
  if (event.relatedTarget === null) dropZone.classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("dragging");
  if (!event.dataTransfer) return;
  droppedFiles(event.dataTransfer).then(
    (dropped) => chooseFiles(dropped.files, dropped.folder),
    (error) => showError(new HighestError("input", `cannot read the dropped files: ${(error as Error)?.message ?? error}`)),
  );
});
threadsSelect.replaceChildren(...Array.from({ length: MAX_THREADS }, (_, i) => new Option(String(i + 1), String(i + 1))));
threadsSelect.value = String(MAX_THREADS);
threadsSelect.disabled = MAX_THREADS === 1;
byId<HTMLElement>("threads-field").title = crossOriginIsolated
  ? "Threads for files of 256 MB or more"
  : "One thread: this page is not cross-origin isolated (served without COOP/COEP headers)";
setState("idle");
