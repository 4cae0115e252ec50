// A finished run: its rows best first, and the helpers that still hold some of them. A large
// result stays partly with the helpers that checked it: each formats its own rows for the output
// (output/fragments.ts), or hands them over for the winners. Whoever ran it closes it.
import { OutputFormat } from "../output/format";
import { DecimalWinner } from "../model/winner";
import { HighestError } from "../model/errors";
import { Helper } from "./helper";
import { Ranking, WinnerFields, rankingBlocks } from "./ranking";

export class RunResult {
  private taken = false;

  constructor(
    private readonly ranking: Ranking,
    /** Per list: the helper that holds its checked rows, or undefined where they are here. */
    private readonly holders: Array<Helper | undefined>,
    private readonly release: () => Promise<void>,
  ) {}

  /** How many lists of rows are still with a helper (for tests). */
  get listsWithHelpers(): number { return this.holders.filter((helper) => helper !== undefined).length; }

  /** The number of winners. */
  get size(): number { return this.ranking.size; }

  /** The output as blocks of bytes (the helpers format the rows they hold). Once per result. */
  blocks(format: OutputFormat): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
    this.take();
    const remote = this.holders.map((helper) => helper?.format(format, this.ranking.bases));
    return rankingBlocks(this.ranking, format, remote);
  }

  /** The winners as objects (the rows helpers hold are handed over first). Once per result. */
  async winners(fields?: WinnerFields): Promise<DecimalWinner[]> {
    this.take();
    if (this.holders.every((helper) => helper === undefined)) return this.ranking.toWinners(fields);
    const given = await Promise.all(this.holders.map((helper) => helper?.rows()));
    return this.ranking.withChecks(given).toWinners(fields);
  }

  /** Releases everything the run still holds (its helpers). Always call it, also after an error. */
  close(): Promise<void> { return this.release(); }

  private take(): void {
    if (this.taken) throw new HighestError("internal", "internal error: a run's result was taken twice");
    this.taken = true;
  }
}
