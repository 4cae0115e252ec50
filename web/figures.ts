// How the page writes sizes, rates and the run's summary line. A figure ("50.0 MB", "394 MB/s")
// is a nowrap span, so that at phone width a line never breaks between a number and its unit.
import { MIN_THREADED_BYTES } from "../src/browser/index";

/** Decimal megabytes, two decimals below 10 MB. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/** MB/s over `ms` milliseconds ("" for no time at all). */
export function rate(bytes: number, ms: number): string {
  return ms > 0 ? `${Math.round(bytes / 1e3 / ms)} MB/s` : "";
}

/** A figure (or any word) that stays on one line. */
export function figure(text: string): HTMLElement {
  const element = document.createElement("span");
  element.className = "figure";
  element.textContent = text;
  return element;
}

/** What a finished run is summed up by. */
export interface RunFacts {
  shown: number;
  /** Every record was asked for, or fewer were found than asked. */
  all: boolean;
  lowest: boolean;
  /** What the result is of: one file's name, or "N files". */
  of: string;
  bytes: number;
  elapsed: number;
  engine: string;
  strict: boolean;
  /** Threads asked for and used. */
  asked: number;
  threads: number;
}

/** The summary line: "Top 10 records of a.txt · 50.0 MB in 0.12 s · 416 MB/s · WebAssembly · 1 thread (why)". */
export function summaryParts(facts: RunFacts): Array<string | HTMLElement> {
  const engineName = facts.engine === "wasm" ? "WebAssembly" : "JavaScript";
  const why = oneThreadWhy(facts);
  return [
    facts.all ? "All " : facts.lowest ? "Lowest " : "Top ", strong(facts.shown.toLocaleString("en")), " records of ",
    strong(facts.of), " · ", figure(megabytes(facts.bytes)), " in ", figure(`${(facts.elapsed / 1000).toFixed(2)} s`), " · ",
    figure(rate(facts.bytes, facts.elapsed)), ` · ${engineName}` + (facts.strict ? " · strict" : "")
      + ` · ${facts.threads} thread${facts.threads === 1 ? "" : "s"}` + (why ? ` (${why})` : ""),
  ];
}

/**
 * Why a run used one thread when it could have used more: the page is not isolated (no shared
 * memory, so no threads), or the files are under the library's threshold. Other causes (a gzip
 * stream that is not BGZF is one part) are not guessed at.
 */
function oneThreadWhy(facts: RunFacts): string | undefined {
  if (facts.threads > 1) return undefined;
  if (!crossOriginIsolated) return "threads are off: the page is not cross-origin isolated";
  if (facts.asked > 1 && facts.bytes < MIN_THREADED_BYTES) return `files under ${MIN_THREADED_BYTES / 2 ** 20} MiB run on one`;
  return undefined;
}

function strong(text: string): HTMLElement {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}
