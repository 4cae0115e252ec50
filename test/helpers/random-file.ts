// Seeded random scored-records files for differential tests: valid lines with scores of
// every size and sign, ties, blank lines, CRLF, and (when asked) the odd invalid line.
import { seededUnit } from "./prng";

export interface RandomFileOptions {
  lines: number;
  /** Chance that a line is invalid in some way (framing or record). */
  invalid?: number;
}

/** A random file's text. */
export function randomFile(seed: number, options: RandomFileOptions): string {
  const random = seededUnit(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
  const pool: string[] = [];
  const score = (): string => {
    if (pool.length > 0 && random() < 0.1) return pick(pool); // ties
    const size = pick([1, 2, 3, 5, 9, 15, 16, 17, 18, 19, 20, 25, 40]);
    const s = `${pick(["", "", "", "-", "+"])}${random() < 0.05 ? "000" : ""}${digits(size)}`;
    pool.push(s);
    return s;
  };
  const blank = () => pick(["", " ", "\t", " \t "]);
  const ending = () => pick(["\n", "\n", "\n", "\r\n"]);
  let text = "";
  for (let i = 0; i < options.lines; i++) {
    const r = random();
    if (r < 0.08) { text += blank() + ending(); continue; }
    const id = random() < 0.7 ? `"${i.toString(36)}-${digits(4)}"` : `${pick(["", "-"])}${1 + Math.floor(random() * 9)}${digits(pick([0, 5, 25]))}`;
    const data = "x".repeat(Math.floor(random() * pick([5, 50, 300])));
    let line = `${blank()}${score()}${blank()}:${blank()}{"id":${id},"data":"${data}"}${blank()}`;
    if (options.invalid && random() < options.invalid) {
      line = pick([
        `${score()}:{"data":1}`, `${score()}:not json`, `${score()} {"id":1}`, `1.5:{"id":1}`, `${score()}:[1]`,
        `${score()}:{"id":null}`, `x${score()}:{"id":1}`,
      ]);
    }
    text += line + (i === options.lines - 1 && random() < 0.3 ? pick(["", "\r"]) : ending());
  }
  return text;
}
