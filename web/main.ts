// The page (index.html): pick or drop files or a folder, rank them with the browser library in
// a worker, show the winners and the JSON as the command line prints it. web/bundle.mjs bundles
// this into build/browser/page/app.js. It uses only the library's public entry (src/browser/index.ts).
import { HighestError } from "../src/browser/index";
import {
  cancelButton, copyButton, countInput, dropZone, engineSelect, fileInput, folderInput, form, locationsBox, lowestBox, decimalBox,
  recordsBox, strictBox, threadsField, threadsSelect,
} from "./elements";
import { cancel, chooseFiles, optionChanged, recordsChanged, run, setState, showError } from "./controller";
import { droppedFiles, folderFiles } from "./folder";
import { copyJson, reformat } from "./results";

/**
 * Threads for files of 256 MB or more: up to the cores (at least two) when the page is
 * cross-origin isolated (`npm run web` sends COOP/COEP), else one: browsers give shared memory
 * (which threads need) only to isolated pages. The most is the default.
 */
const MAX_THREADS = crossOriginIsolated ? Math.max(2, navigator.hardwareConcurrency || 2) : 1;

fileInput.addEventListener("change", () => chooseFiles([...(fileInput.files ?? [])], false));
folderInput.addEventListener("change", () => chooseFiles(folderFiles([...(folderInput.files ?? [])]), true));
// Cleared as the picker opens, so choosing the same files again (perhaps changed) runs again.
fileInput.addEventListener("click", () => (fileInput.value = ""));
folderInput.addEventListener("click", () => (folderInput.value = ""));
locationsBox.addEventListener("change", () => void reformat());
recordsBox.addEventListener("change", () => void (recordsChanged() ? run() : reformat()));
// Options apply to the files picked: a change runs again (unless the last run had them already).
for (const control of [countInput, engineSelect, strictBox, threadsSelect, lowestBox, decimalBox]) control.addEventListener("change", optionChanged);
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
threadsField.title = crossOriginIsolated
  ? "Threads for files of 256 MB or more"
  : "One thread: this page is not cross-origin isolated (served without COOP/COEP headers)";
setState("idle");
