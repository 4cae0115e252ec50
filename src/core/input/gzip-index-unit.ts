// Units of a gzip file cut at the points of its index (gzip-index.ts): each decodes from its
// point, the window before it primed from the index, to the next unit's point, which must be a
// block start at the decoded offset the index says; it leaves its first partial line to the unit
// before and finishes the line across its end, as BGZF units do. Every member's CRC-32 is joined
// across the units from the pieces each decoded (crc32Combine) and checked against its trailer:
// a wrong index fails the run, it never changes an answer.
import { HighestError } from "../model/errors";
import { PlannedInput, Unit, messageName } from "../model/plan";
import { InputAccess, RandomAccess, RangeSource, changedError } from "./access";
import { crc32Combine } from "./crc32-combine";
import { DEFLATE_WINDOW } from "./gzip-index";
import { GzipSource, MemberPiece } from "./gzip-source";

/** What an indexed unit reports for the checks across units. */
export interface IndexedBounds {
  /** It started mid-member: the piece from its point to that member's end (with the trailer) or to its own end. */
  first?: MemberPiece;
  /** The member open at its end, entered at a header inside it: the piece so far. */
  open?: MemberPiece;
}

/** A wrong index: the run fails (exit 1), naming it. */
export function wrongIndex(input: PlannedInput): HighestError {
  return new HighestError("input", `${messageName(input)}: its index ${input.index!.name} does not match its data `
    + "(a point or a CRC-32 is wrong): remove the index, or run with --no-index");
}

/** The decoded lines of unit `unit` of an indexed input; `file` is its compressed file (closed by the source). */
export async function indexedUnitSource(access: InputAccess, file: RandomAccess, input: PlannedInput, unit: Unit): Promise<GzipSource> {
  const points = input.index!.points;
  const core = await access.inflater();
  const name = messageName(input);
  const start = unit.point! < 0 ? undefined : points[unit.point!];
  const next = unit.endPoint === undefined ? undefined : points[unit.endPoint];
  const endPoint = next && { bit: next.bit, out: next.out - (start?.out ?? 0) };
  const wrong = () => wrongIndex(input);
  if (!start) return new GzipSource(core, new RangeSource(file, 0, input.size, name), name, { endPoint, wrongIndex: wrong });
  const window = new Uint8Array(DEFLATE_WINDOW);
  if (start.window >= 0) await readWindow(access, unit.input, start.window, window, input);
  const byte = Math.floor(start.bit / 8);
  // A point may be a member's first byte (a stream boundary): a block never starts with 0x1f on a
  // byte boundary (its type bits would be 3, which no block has), so that byte tells them apart.
  const atHeader = start.bit % 8 === 0 && (await file.readAt(byte, 1))[0] === 0x1f;
  return new GzipSource(core, new RangeSource(file, byte, input.size, name), name, {
    resume: { bit: start.bit, window, atHeader }, endPoint, skipFirstLine: true, wrongIndex: wrong,
  });
}

async function readWindow(access: InputAccess, k: number, at: number, window: Uint8Array, input: PlannedInput): Promise<void> {
  if (!access.openIndex) throw new HighestError("internal", "internal error: this platform reads no index");
  const index = await access.openIndex(k);
  try {
    if (await index.readInto(window, at) !== window.length) throw changedError(input.index!.name);
  } finally {
    await index.close();
  }
}

/**
 * The CRC-32 checks across the units of one indexed input, unit by unit in plan order: each
 * member's pieces are joined and checked against its trailer. A --shard part that starts
 * mid-member cannot check that member (its start is another part's).
 */
export class IndexJoin {
  /** The member open across the last cut: its data so far; "unknown": begun before this part. */
  private running: MemberPiece | "unknown" | undefined;
  private started = false;
  constructor(private readonly input: PlannedInput) {}

  add(bounds: IndexedBounds): void {
    const { first, open } = bounds;
    if (first) {
      const before = this.started ? this.running : "unknown";
      // A unit that starts mid-member after one that left none open: the point is not inside a member.
      if (before === undefined) throw wrongIndex(this.input);
      const joined: MemberPiece | "unknown" = before === "unknown" ? before
        : { crc: crc32Combine(before.crc, first.crc, first.length), length: before.length + first.length };
      if (first.trailer) {
        if (joined !== "unknown" && (joined.crc !== first.trailer.crc || joined.length % 2 ** 32 !== first.trailer.size)) {
          throw wrongIndex(this.input);
        }
        this.running = undefined;
      } else {
        this.running = joined;
      }
    } else if (this.started && this.running !== undefined && (this.running === "unknown" || this.running.length > 0)) {
      // A unit that starts at a member's header after one that left data of a member open.
      throw wrongIndex(this.input);
    }
    if (open) this.running = open;
    else if (first?.trailer || !first) this.running = undefined;
    this.started = true;
  }
}

/** Lines before decoded offset `out` of an indexed input (a --shard part's first unit), and the partial line the unit leaves to the one before. */
export async function indexedLinesBefore(access: InputAccess, input: PlannedInput, k: number, out: number): Promise<number> {
  const name = messageName(input);
  const file = await access.openRandom(k);
  const source = new GzipSource(await access.inflater(), new RangeSource(file, 0, input.size, name), name);
  try {
    const block = new Uint8Array(1 << 20);
    let lines = 1;
    for (let seen = 0; seen < out;) {
      const n = await source.read(block.subarray(0, Math.min(block.length, out - seen)));
      if (n === 0) throw changedError(name);
      for (let i = block.indexOf(10); i >= 0 && i < n; i = block.indexOf(10, i + 1)) lines++;
      seen += n;
    }
    return lines;
  } finally {
    await source.close();
  }
}
