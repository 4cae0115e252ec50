// A finished run drawn: the winners' table, the JSON view as the command line prints it, and
// the Download link to the whole output (made from the library's output blocks, never one string).
// A drawn result stays until a new one replaces it, dimmed from the moment it stops being the
// answer to the files and options shown (a new pick, a changed option, a cancelled run).
import { formatWinners, outputBlocks, winnerRows, type OutputFormat, type DecimalWinner } from "../src/browser/index";
import {
  copyButton, downloadLink, jsonCommand, jsonNote, jsonView, locationsBox, recordsBox, results, staleNote, summary, tableBody,
  tableNote,
} from "./elements";
import { RunFacts, figure, summaryParts } from "./figures";

/**
 * Rows drawn in the table and the JSON view (60 MB of JSON in a <pre> blocks the page for
 * half a minute); Download all saves every one.
 */
const SHOWN_ROWS = 1000;

/** The pretty JSON's last line: a cut view ends its records before it. */
const PRETTY_CLOSE = "\n]\n";

/** What the JSON view's command line and the download's name are made of. */
export interface ResultSource {
  /** The inputs as the command line would name them ("runs" for a folder). */
  inputs: string;
  count: bigint;
  lowest: boolean;
  decimal: boolean;
  /** What the result is of, for the note of a dimmed result ("a.txt", "3 files"). */
  of: string;
  /** The download's name without ".highest.json". */
  base: string;
}

let shown: DecimalWinner[] = [];
let source: ResultSource = { inputs: "<file>", count: 0n, lowest: false, decimal: false, of: "", base: "highest" };
let jsonText = "";
/** Ends the making of a download that a newer one replaces. */
let formatting: AbortController | undefined;
/** Downloads being made (one, but for a moment while a replaced one ends). */
let making = 0;

/** Draws a result (once its download is made: false when `signal` ended that first). */
export async function showResults(winners: DecimalWinner[], facts: RunFacts, from: ResultSource, signal: AbortSignal): Promise<boolean> {
  formatting?.abort();
  const download = await makeDownload(winners, signal);
  if (!download) return false;
  summary.replaceChildren(...summaryParts(facts));
  dim(false);
  drawTable(winners);
  const cut = winners.length > SHOWN_ROWS;
  tableNote.hidden = jsonNote.hidden = !cut;
  tableNote.textContent = jsonNote.textContent =
    `The first ${SHOWN_ROWS.toLocaleString("en")} of ${winners.length.toLocaleString("en")} records; Download all saves every one.`;
  copyButton.hidden = cut; // the clipboard takes one string: all of it only by Download
  shown = winners;
  source = from;
  showJson(download);
  results.hidden = false;
  return true;
}

/** Dims the result drawn (or shows it as the current one), with a note saying whose it is. */
export function dim(stale: boolean): void {
  results.classList.toggle("stale", stale);
  staleNote.hidden = !stale;
  staleNote.textContent = stale ? `Previous result, of ${source.of}: dimmed until a new one replaces it.` : "";
}

/** Whether the result drawn has its records (the run asked for them), so Records can show them without a new run. */
export function hasRecords(): boolean {
  return shown.every((winner) => winner.record !== undefined);
}

function drawTable(winners: DecimalWinner[]): void {
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
}

/**
 * The format of the JSON view and the download: `highest <inputs> <count>`'s, with `--locations`
 * and `--records` when ticked (records only once the result has them: ticking asks a new run).
 */
function jsonFormat(winners = shown): OutputFormat {
  const records = recordsBox.checked && winners.every((winner) => winner.record !== undefined);
  return { compact: false, locations: locationsBox.checked, records };
}

/** The whole output as a Blob; undefined when `signal` ends it first. Locations and Records stay as they are meanwhile. */
async function makeDownload(winners: DecimalWinner[], signal: AbortSignal): Promise<Blob | undefined> {
  locationsBox.disabled = recordsBox.disabled = true; // their format is the one being made
  making++;
  try {
    return await blobOf(winners, signal);
  } finally {
    locationsBox.disabled = recordsBox.disabled = --making > 0;
  }
}

/** The output's blocks gathered in steps of about 40 ms, so that the page stays responsive for millions of rows. */
async function blobOf(winners: DecimalWinner[], signal: AbortSignal): Promise<Blob | undefined> {
  const blocks: Uint8Array<ArrayBuffer>[] = [];
  let since = performance.now();
  for (const block of outputBlocks(winnerRows(winners), jsonFormat(winners))) {
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
  jsonText = cut ? `${head.slice(0, head.length - PRETTY_CLOSE.length)},\n  …\n` : head;
  jsonView.textContent = jsonText;
  const command = `highest ${source.inputs} ${source.count}${format.locations ? " --locations" : ""}`
    + `${format.records ? " --records" : ""}${source.lowest ? " --lowest" : ""}${source.decimal ? " --decimal" : ""}`;
  // Each option whole on its line: a narrow page would break "--lowest" after its dashes. (Names
  // may still wrap anywhere: a long one must not widen the page.)
  jsonCommand.replaceChildren(...command.split(" ").flatMap((word, i) => [
    ...(i > 0 ? [" "] : []), word.startsWith("--") ? figure(word) : word,
  ]));
  linkTo(download);
  downloadLink.download = `${source.base}.highest.json`;
  downloadLink.textContent = cut ? "Download all" : "Download";
  downloadLink.dataset.bytes = String(download.size);
}

/** Points the Download link at `download` (none: no link), freeing the file it pointed at. */
function linkTo(download: Blob | undefined): void {
  if (downloadLink.href) URL.revokeObjectURL(downloadLink.href);
  if (download) downloadLink.href = URL.createObjectURL(download);
  else downloadLink.removeAttribute("href");
}

/** The JSON's format changed (Locations, Records): the view and the download made again. */
export async function reformat(): Promise<void> {
  formatting?.abort();
  const controller = new AbortController();
  formatting = controller;
  linkTo(undefined); // no link to the other format's file meanwhile
  const download = await makeDownload(shown, controller.signal);
  if (download) showJson(download);
}

/** Copies the JSON view's text (or selects it for Ctrl+C where the clipboard is refused). */
export async function copyJson(): Promise<void> {
  try {
    await navigator.clipboard.writeText(jsonText);
  } catch {
    getSelection()?.selectAllChildren(jsonView);
    document.execCommand("copy");
  }
  copyButton.textContent = "Copied";
  setTimeout(() => (copyButton.textContent = "Copy"), 1500);
}
