// How the page writes sizes, rates and the run's summary line.

/** Decimal megabytes, two decimals below 10 MB. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/** MB/s over `ms` milliseconds ("" for no time at all). */
export function rate(bytes: number, ms: number): string {
  return ms > 0 ? `${Math.round(bytes / 1e3 / ms)} MB/s` : "";
}

/** What a finished run is summed up by. */
export interface RunFacts {
  shown: number;
  /** Every record was asked for, or fewer were found than asked. */
  all: boolean;
  /** One file's name, else undefined. */
  only?: string;
  files: number;
  bytes: number;
  elapsed: number;
  engine: string;
  strict: boolean;
  threads: number;
}

/** The summary line: "Top 10 records of a.txt · 50.0 MB in 0.12 s · 416 MB/s · WebAssembly · 1 thread". */
export function summaryParts(facts: RunFacts): Array<string | HTMLElement> {
  const engineName = facts.engine === "wasm" ? "WebAssembly" : "JavaScript";
  return [
    facts.all ? "All " : "Top ", strong(facts.shown.toLocaleString("en")), " records of ",
    strong(facts.only ?? `${facts.files} files`),
    ` · ${megabytes(facts.bytes)} in ${(facts.elapsed / 1000).toFixed(2)} s · ${rate(facts.bytes, facts.elapsed)} · ${engineName}`
      + (facts.strict ? " · strict" : "") + ` · ${facts.threads} thread${facts.threads === 1 ? "" : "s"}`,
  ];
}

function strong(text: string): HTMLElement {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}
