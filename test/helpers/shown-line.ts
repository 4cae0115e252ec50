// How a data error shows its line (SPEC: Errors and exit codes), written apart from src/: the
// line's first 40 characters as a JSON string, `…` after it when the line is longer.
export function shownLine(line: string): string {
  const chars = Array.from(line);
  return JSON.stringify(chars.slice(0, 40).join("")).replace(/\ufeff/g, "\\ufeff") + (chars.length > 40 ? "…" : "");
}
