// "Did you mean --compact?" for an unknown option: the known options a mistyped one is close to.

/** Levenshtein distance (insertions, deletions, substitutions), on two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

/** Two edits catch a swapped pair of letters and a doubled or missing one, yet rarely join unrelated words. */
const MAX_EDITS = 2;

/**
 * The known long options (without "--") that `typed` (without its dashes) may have meant: those
 * within two edits, ignoring case (the closest only); failing that, those it begins ("--loc").
 * Empty when none is close.
 */
export function closeOptions(typed: string, known: readonly string[]): string[] {
  const word = typed.toLowerCase();
  if (word === "") return [];
  const distances = known.map((name) => editDistance(word, name));
  const best = Math.min(...distances);
  if (best <= MAX_EDITS) return known.filter((_, i) => distances[i] === best);
  return known.filter((name) => name.startsWith(word));
}

/** " (did you mean --lines or --locations?)", or "" when nothing is close. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const close = closeOptions(typed, known).map((name) => `--${name}`);
  if (close.length === 0) return "";
  const list = close.length === 1 ? close[0] : `${close.slice(0, -1).join(", ")} or ${close.at(-1)}`;
  return ` (did you mean ${list}?)`;
}
