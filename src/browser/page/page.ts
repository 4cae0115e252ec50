// The page: pick or drop a file, run highest() in a worker, show the winners and the JSON
// exactly as the command line prints it. Bundled by ../bundle.mjs into build/browser/page/app.js.
import { HighestError } from "../../core/errors";
import { formatWinners } from "../../core/format";
import { Progress } from "../../core/run";
import { Winner } from "../../core/winners";
import { highestInWorker } from "../worker-client";

/** Rows drawn in the table; the JSON always holds every winner. */
const TABLE_ROWS = 1000;
/** The page is build/browser/page/; the server's root is build/, so the .wasm is at /wasm/. */
const WASM_URL = new URL("../../wasm/", location.href);

const ERROR_TITLES: Record<string, string> = {
  data: "The file is not valid",
  input: "The file could not be read",
  usage: "Check the options",
  internal: "Something went wrong",
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = byId<HTMLElement>("app");
const fileInput = byId<HTMLInputElement>("file-input");
const dropZone = byId<HTMLLabelElement>("drop-zone");
const fileName = byId<HTMLSpanElement>("file-name");
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
const copyButton = byId<HTMLButtonElement>("copy");
const downloadButton = byId<HTMLButtonElement>("download");

const worker = new Worker(new URL("worker.js", location.href), { type: "module" });
let file: File | undefined;
let running: AbortController | undefined;
let jsonText = "";

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

function rate(bytes: number, ms: number): string {
  return ms > 0 ? `${Math.round(bytes / 1e3 / ms)} MB/s` : "";
}

function setState(state: "idle" | "running" | "done" | "failed"): void {
  app.dataset.state = state;
  runButton.disabled = !file || state === "running";
  cancelButton.hidden = state !== "running";
  progressPanel.hidden = state !== "running";
}

function chooseFile(chosen: File | undefined): void {
  if (!chosen) return;
  file = chosen;
  fileName.textContent = `${chosen.name} · ${megabytes(chosen.size)}`;
  void run();
}

function showProgress(progress: Progress, startedAt: number): void {
  const total = progress.totalBytes ?? file?.size ?? 0;
  progressBar.value = total > 0 ? progress.bytesRead / total : 0;
  const elapsed = performance.now() - startedAt;
  const percent = total > 0 ? `${Math.floor((100 * progress.bytesRead) / total)}% · ` : "";
  progressText.textContent = `Reading… ${percent}${megabytes(progress.bytesRead)} of ${megabytes(total)} · ${rate(progress.bytesRead, elapsed)}`;
}

async function run(): Promise<void> {
  if (!file) return;
  const count = countInput.value.trim();
  if (!/^[0-9]+$/.test(count)) {
    showError(new HighestError("usage", "count must be a non-negative integer"));
    return;
  }
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const engine = engineSelect.value as "wasm" | "js";
  const input = file;
  errorBox.hidden = true;
  results.hidden = true;
  progressBar.value = 0;
  progressText.textContent = "Starting…";
  setState("running");
  const startedAt = performance.now();
  try {
    const winners = await highestInWorker(worker, input, BigInt(count), {
      engine, strict: strictBox.checked, wasmUrl: WASM_URL, signal: controller.signal,
      onProgress: (progress) => showProgress(progress, startedAt),
    });
    if (running !== controller) return; // a newer run took over
    const elapsed = performance.now() - startedAt;
    app.dataset.elapsedMs = elapsed.toFixed(1);
    app.dataset.bytes = String(input.size);
    showResults(winners, input, BigInt(count), engine, elapsed);
    setState("done");
  } catch (thrown) {
    if (running !== controller) return;
    const error = thrown as HighestError;
    if (error.kind === "aborted") {
      setState("idle");
      return;
    }
    showError(error);
  }
}

function showError(error: HighestError): void {
  errorTitle.textContent = ERROR_TITLES[error.kind] ?? ERROR_TITLES.internal;
  errorMessage.textContent = `highest: ${error.message}`; // the line the command line prints
  errorBox.hidden = false;
  results.hidden = true;
  setState("failed");
}

function showResults(winners: Winner[], input: File, count: bigint, engine: string, elapsed: number): void {
  const engineName = engine === "wasm" ? "WebAssembly" : "JavaScript";
  summary.replaceChildren(
    BigInt(winners.length) < count ? "All " : "Top ", strong(String(winners.length)), " records of ", strong(input.name),
    ` · ${megabytes(input.size)} in ${(elapsed / 1000).toFixed(2)} s · ${rate(input.size, elapsed)} · ${engineName}`
      + (strictBox.checked ? " · strict" : ""),
  );

  const rows = document.createDocumentFragment();
  winners.slice(0, TABLE_ROWS).forEach((winner, index) => {
    const row = document.createElement("tr");
    for (const [text, className] of [
      [String(index + 1), "rank num"], [String(winner.score), "score"], [winner.idJson, "id"], [String(winner.line), "line num"],
    ]) {
      const cell = document.createElement("td");
      cell.className = className;
      cell.textContent = text;
      row.append(cell);
    }
    rows.append(row);
  });
  tableBody.replaceChildren(rows);
  tableNote.hidden = winners.length <= TABLE_ROWS;
  tableNote.textContent = `The table shows the first ${TABLE_ROWS} of ${winners.length} records; the JSON holds them all.`;

  jsonText = formatWinners(winners, false);
  jsonView.textContent = jsonText;
  results.hidden = false;
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

function downloadJson(): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([jsonText], { type: "application/json" }));
  link.download = `${file?.name.replace(/\.[^.]*$/, "") ?? "highest"}.highest.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

fileInput.addEventListener("change", () => chooseFile(fileInput.files?.[0]));
// Cleared as the picker opens, so choosing the same file again (perhaps changed) runs again.
fileInput.addEventListener("click", () => (fileInput.value = ""));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run();
});
cancelButton.addEventListener("click", () => running?.abort());
copyButton.addEventListener("click", () => void copyJson());
downloadButton.addEventListener("click", downloadJson);

// A file dropped anywhere on the page is taken; the drop zone lights up while dragging.
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
  chooseFile(event.dataTransfer?.files[0]);
});
setState("idle");
