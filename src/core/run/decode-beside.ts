// Where a run's threads go. Units are shared by participants that each decode and scan their
// own; but a whole compressed input (gzip that is not BGZF and has no index, or a zstd file whose
// frames are not cut: one frame) is one unit, and its decode is most of its cost (the inflate is
// about 85% of a gzip run). When a run has a thread to spare (fewer shareable units than
// threads, and work past minThreadedBytes), that input is decoded by a decoder worker
// (threads/decoder-worker.ts) into a ring of shared slots (input/decode-ring.ts) while this thread
// scans what it decodes: the same decoders, checks and scan, placed on two cores. Its unit is
// still opened by openUnit, through this thread's access (BesideAccess), as an ordinary source.
import { InputAccess, RandomAccess } from "../input/access";
import { RingBuffers, RingSource, closeRing, newRing } from "../input/decode-ring";
import { InflateExports } from "../input/inflate-core";
import { ByteSource } from "../input/source";
import { zstdStartIn } from "../input/zstd-frames";
import { RunPlan, Unit } from "../model/plan";
import { Decoder, DecoderJob } from "./helper";

/** Decompressing costs about this many times reading plain bytes. */
const COMPRESSED_WORK = 4;

/** What the placement needs of a run's knobs. */
export interface Placing {
  threads?: number;
  minThreadedBytes?: number;
}

/** How a run's threads are placed: scan helpers, and the inputs decoded beside this thread's scan. */
export interface Placement {
  plan: RunPlan;
  helpers: number;
  besides: number[];
}

/** The run's placement; `decoders`: the platform can start decoders. */
export async function placeThreads(plan: RunPlan, tuning: Placing, minimum: number, access: InputAccess, decoders: boolean): Promise<Placement> {
  const threads = Math.max(1, Math.floor(tuning.threads ?? 1));
  const none = { plan, helpers: 0, besides: [] };
  if (threads === 1 || workOf(plan) < (tuning.minThreadedBytes ?? minimum)) return none;
  if (decoders) plan = await withWholeFrames(plan, access);
  let shareable = 0;
  const candidates = new Set<number>();
  for (const unit of plan.units) {
    const input = plan.inputs[unit.input];
    if (input.path === undefined) continue;
    shareable++;
    if (decoders && unit.whole && input.compression !== undefined && !input.index) candidates.add(unit.input);
  }
  const used = Math.min(threads, shareable);
  return { plan, helpers: Math.max(0, used - 1), besides: [...candidates].slice(0, threads - used) };
}

/** The run's work in bytes (compressed bytes count COMPRESSED_WORK times). */
function workOf(plan: RunPlan): number {
  let work = 0;
  for (const unit of plan.units) {
    const input = plan.inputs[unit.input];
    if (input.path !== undefined) work += (unit.to - unit.from) * (input.compression ? COMPRESSED_WORK : 1);
  }
  return work;
}

/**
 * A zstd file of one frame (or whose frames all end past its first unit) is cut into units of
 * which the first owns every line: it is one whole unit instead, which a decoder may take. Asked
 * of each whole zstd file in the plan, by walking its frame headers as its first unit would; a
 * file the walk fails on is left as it was (its units report what is wrong).
 */
async function withWholeFrames(plan: RunPlan, access: InputAccess): Promise<RunPlan> {
  const whole = new Set<number>();
  for (const [k, input] of plan.inputs.entries()) {
    const units = plan.units.filter((unit) => unit.input === k);
    if (input.compression !== "zstd" || input.path === undefined || input.index || units.length === 0) continue;
    if (units[0].from !== 0 || units[units.length - 1].to !== input.size || units.some((unit) => unit.whole)) continue;
    let file: RandomAccess | undefined;
    try {
      file = await access.openRandom(k);
      if (await zstdStartIn(file, units[0].to, input.size, input.size, input.name, new Uint8Array(16)) === undefined) whole.add(k);
    } catch { /* left as it was */ } finally {
      await file?.close();
    }
  }
  if (whole.size === 0) return plan;
  const units: Unit[] = [];
  for (const unit of plan.units) {
    if (!whole.has(unit.input)) units.push(unit);
    else if (unit.from === 0) units.push({ input: unit.input, from: 0, to: plan.inputs[unit.input].size, whole: true });
  }
  return { inputs: plan.inputs, units };
}

/** The decoders of a run, by input, with their rings. */
export class Decoders {
  private readonly started = new Map<number, { decoder: Decoder; ring: RingBuffers }>();

  /** Starts one decoder per input in `besides`. */
  constructor(plan: RunPlan, claims: Int32Array, besides: number[], start: ((job: DecoderJob) => Decoder) | undefined) {
    if (!start) return;
    for (const input of besides) {
      const ring = newRing();
      this.started.set(input, { decoder: start({ kind: "decode", plan, claims, input, ring }), ring });
    }
  }

  /** Input k's decoded bytes from its decoder's ring; undefined: it has none (read it here). */
  async open(k: number): Promise<ByteSource | undefined> {
    const found = this.started.get(k);
    if (!found) return undefined;
    // Opened once: a second open (none is made) reads the input here.
    this.started.delete(k);
    this.closing.push(found);
    if (!(await found.decoder.opened)) return undefined; // its thread never started
    return new RingSource(found.ring, found.decoder);
  }

  private readonly closing: Array<{ decoder: Decoder; ring: RingBuffers }> = [];

  /** Stops every decoder (each closes its input) and ends its thread. */
  async close(): Promise<void> {
    const all = [...this.started.values(), ...this.closing];
    this.started.clear();
    this.closing.length = 0;
    for (const { ring } of all) closeRing(ring);
    await Promise.all(all.map(({ decoder }) => decoder.close()));
  }
}

/** This thread's access, reading the inputs that have a decoder from its ring. */
export class BesideAccess implements InputAccess {
  constructor(private readonly inner: InputAccess, private readonly decoders: Decoders) {}

  async openSequential(input: number): Promise<ByteSource> {
    return (await this.decoders.open(input)) ?? this.inner.openSequential(input);
  }

  openRandom(input: number): Promise<RandomAccess> {
    return this.inner.openRandom(input);
  }

  inflater(): Promise<InflateExports> {
    return this.inner.inflater();
  }

  get openIndex(): InputAccess["openIndex"] {
    return this.inner.openIndex?.bind(this.inner);
  }
}
