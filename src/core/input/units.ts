// The input stage's one contract for a unit of work, whatever its kind: openUnit picks the kind
// for a planned unit in one place; every kind gives the unit's own lines, whole, to one scan, and
// at its end reports what the run checks across units (joinUnits, once per input):
//   whole input      a stream, bytes, a gzip file that is not BGZF: read in order from its start;
//   plain segment    [first line start at or after `from`, first line start at or after `to`);
//   BGZF unit        the members from the first member start at or after `from` to the next
//                    unit's (bgzf.ts); the line across its end is finished from the next member;
//   indexed gzip     from an index point to the next unit's (gzip-index-unit.ts), the same way;
//   zstd unit        the frames from the first frame end at or after `from` to the next unit's
//                    (zstd-frames.ts), as BGZF.
import { PlannedInput, RunPlan, Unit, messageName } from "../model/plan";
import { InputAccess, RandomAccess, RangeSource, changedError, lineStartAtOrAfter } from "./access";
import { bgzfStartIn, bgzfUnitSource } from "./bgzf";
import { GzipSource } from "./gzip-source";
import { damagedGzip, damagedZstd } from "./compression";
import { IndexJoin, IndexedBounds, indexedLinesBefore, indexedUnitSource } from "./gzip-index-unit";
import { zstdCore } from "./zstd-core";
import { FrameWalk, zstdStartIn, zstdUnitSource } from "./zstd-frames";
import { ZstdSource } from "./zstd-source";
import { ByteSource } from "./source";

/** What the run checks of a unit once it is scanned. */
export interface UnitBounds {
  /** Where the unit really starts in its input; undefined: it owns nothing (a BGZF range without a member start). */
  start?: number;
  /** BGZF: where its own members end (the next unit's start, or the file's end). */
  end?: number;
  /** BGZF: the CRC-32 of its first member, and of the next unit's first member as this unit decoded it. */
  firstCrc?: number;
  nextCrc?: number;
  /** Indexed gzip: the pieces of members whose CRC-32 is checked across units. */
  indexed?: IndexedBounds;
}

/** An opened unit: its lines, and what it reports. Closed by whoever opened it, on every path. */
export interface OpenedUnit {
  /** The unit's own lines, whole (the first starts at `startOffset` of the input, for plain segments). */
  source: ByteSource;
  startOffset: number;
  /**
   * Before a data error in the lines given so far is reported: confirms their bytes are intact
   * (gzip: the member they end in decodes to its end, CRC-32 and size right), else throws the
   * input error that is then the unit's error. Integrity comes before content.
   */
  settle(): Promise<void>;
  /** After the scan. */
  bounds(): UnitBounds;
  close(): Promise<void>;
}

/** Opens unit k of the plan; undefined when it owns nothing (the units around it cover its range). */
export async function openUnit(access: InputAccess, plan: RunPlan, k: number, probe: Uint8Array): Promise<OpenedUnit | undefined> {
  const unit = plan.units[k];
  const input = plan.inputs[unit.input];
  if (unit.whole) {
    const source = await access.openSequential(unit.input);
    return { source, startOffset: 0, settle: async () => { await source.settle?.(); }, bounds: () => ({ start: 0 }), close: async () => { await source.close?.(); } };
  }
  const file = await access.openRandom(unit.input);
  try {
    const opened = unit.point !== undefined ? await openIndexedUnit(access, file, input, unit)
      : input.compression === "bgzf"
      ? await openBgzfUnit(access, file, input, unit.from, unit.to, probe)
      : input.compression === "zstd"
        ? await openZstdUnit(access, file, input, unit.from, unit.to)
        : await openSegment(file, input, unit.from, unit.to, probe);
    if (!opened) await file.close();
    return opened;
  } catch (thrown) {
    await file.close();
    throw thrown;
  }
}

async function openSegment(file: RandomAccess, input: PlannedInput, from: number, to: number, probe: Uint8Array): Promise<OpenedUnit> {
  const name = messageName(input);
  const start = await lineStartAtOrAfter(file, from, input.size, name, probe);
  const end = await lineStartAtOrAfter(file, to, input.size, name, probe);
  return { source: new RangeSource(file, start, end, name), startOffset: start, settle: async () => {}, bounds: () => ({ start }), close: async () => { await file.close(); } };
}

async function openBgzfUnit(access: InputAccess, file: RandomAccess, input: PlannedInput, from: number, to: number, probe: Uint8Array): Promise<OpenedUnit | undefined> {
  const name = messageName(input);
  const core = await access.inflater();
  const start = await bgzfStartIn(core, file, from, to, input.size, name, probe);
  if (start === undefined) return undefined;
  // The next unit's start, asked as the next unit asks it: the first member start at or after `to`.
  const next = to >= input.size ? undefined : await bgzfStartIn(core, file, to, input.size, input.size, name, probe);
  const source = bgzfUnitSource(core, file, start, to, next, input.size, name);
  return {
    source,
    startOffset: 0,
    settle: () => source.settle(),
    bounds: () => ({ start, end: source.ownedEnd, firstCrc: start > 0 ? source.firstCrc : undefined, nextCrc: source.nextCrc }),
    close: () => source.close(),
  };
}

async function openIndexedUnit(access: InputAccess, file: RandomAccess, input: PlannedInput, unit: Unit): Promise<OpenedUnit> {
  const source = await indexedUnitSource(access, file, input, unit);
  const start = unit.point! < 0 ? 0 : input.index!.points[unit.point!].out;
  return {
    source,
    startOffset: 0,
    settle: () => source.settle(),
    bounds: () => ({ start, indexed: { first: source.firstPiece, open: source.openPiece } }),
    close: () => source.close(),
  };
}

/** This thread's walk of each zstd input's headers, kept while its plan is (zstd-frames.ts FrameWalk). */
const frameWalks = new WeakMap<PlannedInput, FrameWalk>();

async function openZstdUnit(access: InputAccess, file: RandomAccess, input: PlannedInput, from: number, to: number): Promise<OpenedUnit | undefined> {
  const name = messageName(input);
  const scratch = new Uint8Array(16);
  let walk = frameWalks.get(input);
  if (!walk) frameWalks.set(input, walk = new FrameWalk());
  const start = await zstdStartIn(file, from, to, input.size, name, scratch, walk);
  if (start === undefined) return undefined;
  const next = to >= input.size ? undefined : await zstdStartIn(file, to, input.size, input.size, name, scratch, walk);
  const source = zstdUnitSource(zstdCore(await access.inflater()), file, start, to, next, input.size, name);
  return {
    source,
    startOffset: 0,
    settle: () => source.settle(),
    bounds: () => ({ start, end: source.ownedEnd, firstCrc: start > 0 ? source.firstSum : undefined, nextCrc: source.nextSum }),
    close: () => source.close(),
  };
}

/**
 * The checks across the units of one input, made unit by unit in plan order: BGZF units must
 * tile the file (each starts where the one before stopped: a gap is a member no unit started, a
 * damaged header), and both sides of a cut must have decoded the same member there (else the
 * file changed between their reads: no answer is mixed from two versions of it).
 */
export class UnitJoin {
  private before: UnitBounds | undefined;
  private readonly indexed: IndexJoin | undefined;
  constructor(private readonly input: PlannedInput) {
    this.indexed = input.index ? new IndexJoin(input) : undefined;
  }

  /** The next unit's bounds (a unit that owns nothing joins nothing); throws the input error. */
  add(unit: UnitBounds): void {
    if (this.indexed && unit.indexed) return this.indexed.add(unit.indexed);
    const zstd = this.input.compression === "zstd";
    if ((this.input.compression !== "bgzf" && !zstd) || unit.start === undefined) return;
    const before = this.before;
    this.before = unit;
    if (!before) return;
    const name = messageName(this.input);
    if (before.end !== unit.start) throw zstd ? damagedZstd(name) : damagedGzip(name);
    if (before.nextCrc !== undefined && unit.firstCrc !== undefined && before.nextCrc !== unit.firstCrc) throw changedError(name);
  }
}

/**
 * Lines of input k before the first line a unit starting at `start` owns (a --shard part that
 * starts mid-file: asked only when a line number is needed). A BGZF unit leaves the line through
 * its first newline to the unit before: one more.
 */
export async function linesBefore(access: InputAccess, input: PlannedInput, k: number, start: number): Promise<number> {
  if (start === 0) return 0;
  if (input.index) return indexedLinesBefore(access, input, k, start);
  const name = messageName(input);
  const file = await access.openRandom(k);
  try {
    const range = new RangeSource(file, 0, start, name);
    const bgzf = input.compression === "bgzf" || input.compression === "zstd";
    const source: ByteSource = input.compression === "zstd" ? new ZstdSource(zstdCore(await access.inflater()), range, name)
      : bgzf ? new GzipSource(await access.inflater(), range, name) : range;
    const block = new Uint8Array(1 << 20);
    let lines = bgzf ? 1 : 0;
    for (let n = await source.read(block); n > 0; n = await source.read(block)) {
      for (let i = block.indexOf(10); i >= 0 && i < n; i = block.indexOf(10, i + 1)) lines++;
    }
    return lines;
  } finally {
    await file.close();
  }
}
