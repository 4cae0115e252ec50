// Error kinds and what they mean for the command line: one line of text, one exit code.

/** usage: bad arguments; input: cannot open/read, or the input changed; data: invalid data; internal: a bug. */
export type ErrorKind = "usage" | "input" | "data" | "internal" | "aborted";

const EXIT_CODES: Record<ErrorKind, number> = { usage: 1, input: 1, data: 2, internal: 3, aborted: 130 };

/** An error with a kind (and, for invalid data, the 1-based line it names). */
export class HighestError extends Error {
  readonly kind: ErrorKind;
  readonly line?: number;
  /** The message without its "line N: " prefix. */
  readonly detail: string;
  constructor(kind: ErrorKind, detail: string, line?: number) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
    this.name = "HighestError";
    this.kind = kind;
    this.detail = detail;
    if (line !== undefined) this.line = line;
  }
  /** The process exit code SPEC gives this kind. */
  get exitCode(): number { return EXIT_CODES[this.kind]; }
}

/** A HighestError as plain data, to cross to another thread (worker_threads, Web Workers). */
export interface ErrorData {
  kind: ErrorKind;
  /** The message without its "line N: " prefix. */
  detail: string;
  line?: number;
}

/** Any thrown value as ErrorData (see asHighestError). */
export function toErrorData(thrown: unknown): ErrorData {
  const error = asHighestError(thrown);
  return error.line === undefined ? { kind: error.kind, detail: error.detail } : { kind: error.kind, detail: error.detail, line: error.line };
}

/** The HighestError that ErrorData describes, its line moved by `linesBefore` (ranges scanned apart). */
export function fromErrorData(data: ErrorData, linesBefore = 0): HighestError {
  return new HighestError(data.kind, data.detail, data.line === undefined ? undefined : linesBefore + data.line);
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
