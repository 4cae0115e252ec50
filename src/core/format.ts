// The exact JSON output: what JSON.stringify(value, null, 2) would print, but with exact
// integer scores and each id's JSON text as written.
import { Winner } from "./winners";

/** The output text for the winners, ending in one newline. */
export function formatWinners(winners: Winner[], compact: boolean): string {
  if (winners.length === 0) return "[]\n";
  if (compact) {
    return `[${winners.map((w) => `{"score":${w.score},"id":${w.idJson}}`).join(",")}]\n`;
  }
  const items = winners.map((w) => `  {\n    "score": ${w.score},\n    "id": ${w.idJson}\n  }`);
  return `[\n${items.join(",\n")}\n]\n`;
}
