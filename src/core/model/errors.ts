// Error kinds and what they mean for the command line: one line of text, one exit code.

/** usage: bad arguments; input: cannot open/read, or the input changed; data: invalid data; internal: a bug. */
export type ErrorKind = "usage" | "input" | "data" | "internal" | "aborted";

const EXIT_CODES: Record<ErrorKind, number> = { usage: 1, input: 1, data: 2, internal: 3, aborted: 130 };

/** An error with a kind (and, for invalid data, the 1-based line and maybe the input it names). */
export class HighestError extends Error {
  readonly kind: ErrorKind;
  readonly line?: number;
  /** The input the message names, when a run has several. */
  readonly input?: string;
  /** The message without its "input: line N: " prefix. */
  readonly detail: string;
  constructor(kind: ErrorKind, detail: string, line?: number, input?: string) {
    // A message is one line, whatever a name or value in it holds (a path with a newline).
    detail = oneLine(detail);
    if (input !== undefined) input = oneLine(input);
    const where = [input, line === undefined ? undefined : `line ${line}`].filter((part) => part !== undefined);
    super([...where, detail].join(": "));
    this.name = "HighestError";
    this.kind = kind;
    this.detail = detail;
    if (line !== undefined) this.line = line;
    if (input !== undefined) this.input = input;
  }
  /** The process exit code SPEC gives this kind. */
  get exitCode(): number { return EXIT_CODES[this.kind]; }
}

/**
 * Text made fit for a one-line message: control characters (C0, DEL, C1) written as JSON
 * writes them (`\n`, `\t`, `\u001b`). Applying it twice changes nothing.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const json = JSON.stringify(c).slice(1, -1); // JSON leaves DEL and C1 as they are
    return json.length > 1 ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** A HighestError as plain data, to cross to another thread (worker_threads, Web Workers). */
export interface ErrorData {
  kind: ErrorKind;
  /** The message without its prefix. */
  detail: string;
  line?: number;
  input?: string;
}

/** Any thrown value as ErrorData (see asHighestError). */
export function toErrorData(thrown: unknown): ErrorData {
  const error = asHighestError(thrown);
  const data: ErrorData = { kind: error.kind, detail: error.detail };
  if (error.line !== undefined) data.line = error.line;
  if (error.input !== undefined) data.input = error.input;
  return data;
}

/** The HighestError that ErrorData describes, with its line replaced by `line` when given. */
export function fromErrorData(data: ErrorData, line = data.line): HighestError {
  return new HighestError(data.kind, data.detail, line, data.input);
}

/** Invalid data on a given line (exit 2). */
export function dataError(line: number, message: string): HighestError {
  return new HighestError("data", message, line);
}

/** Any thrown value as a HighestError; what we did not expect is an internal error. */
export function asHighestError(thrown: unknown): HighestError {
  if (thrown instanceof HighestError) return thrown;
  if (thrown instanceof Error && thrown.name === "AbortError") return new HighestError("aborted", "aborted");
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  return new HighestError("internal", `internal error: ${text.split("\n")[0]}`);
}

/** The error of an aborted run (AbortSignal). */
export function abortError(): HighestError {
  return new HighestError("aborted", "aborted");
}
