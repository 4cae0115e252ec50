// A result as the library returns it: one object per winner (the CLI prints from columns
// instead, see ranking.ts, so counts of millions never become objects).

/**
 * One result: an exact score, the record's id, and where the line is. Its score is a bigint;
 * in a run with `decimal: true` it may be text (DecimalWinner).
 */
export interface Winner<Score extends bigint | string = bigint> {
  /**
   * The exact score: a bigint, or with `decimal: true` a score written with a fraction or an
   * exponent as its JSON number text, as printed (e.g. "7.50", "1.5e3"; compare such scores
   * exactly with a decimal library, not through a binary float).
   */
  score: Score;
  /** The id's JSON text exactly as written in the record (a string keeps its quotes). */
  idJson: string;
  /** The id as a JS value (a number id beyond 2^53 loses digits here: use idJson). */
  id: string | number;
  /** The input's name: the path as given or found, "-" for standard input. */
  input: string;
  /** 1-based line number in that input (0 in a shard run that did not count the lines before its part). */
  line: number;
  /** Byte offset of the line in its (decompressed) input. */
  offset: number;
  /** The line as it stands in its input, without its line ending (only when asked: --lines). */
  text?: Uint8Array;
  /** The record's JSON text as written, without the whitespace around it (only when asked: --records). */
  record?: string;
}

/** A result of a run with `decimal: true`: a score written with a fraction or an exponent is its printed text. */
export type DecimalWinner = Winner<bigint | string>;

/** The id as a JS value: most ids are strings without escapes or plain numbers, which need no JSON.parse. */
export function idValue(idJson: string): string | number {
  if (idJson.charCodeAt(0) === 0x22) return idJson.includes("\\") ? (JSON.parse(idJson) as string) : idJson.slice(1, -1);
  return Number(idJson);
}
