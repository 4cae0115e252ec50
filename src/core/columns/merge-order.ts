// The merged order of a run's rows over the participants' lists of kept lines.

/** The merged order of the participants' kept lines: rank i is row at[i] of list[i], the list of that participant. */
export interface MergeOrder {
  size: number;
  list: Uint16Array;
  at: Uint32Array;
  /** How many of each participant's rows made it: always a prefix of its list (best first). */
  taken: number[];
}
