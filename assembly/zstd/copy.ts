// Copies of a sequence: its literals, then its match (`length` bytes from `offset` back, the source
// possibly overlapping what is written: a short offset repeats its bytes). Both write in 16-byte
// steps past their end (the output region and the literals have COPY_SLACK after them); a later
// copy or the next block overwrites those bytes.

/** Copies `length` bytes from `from` to `to` (not overlapping), 16 at a time. */
@inline export function copyWide(to: usize, from: usize, length: usize): void {
  const end = to + length;
  if (ASC_FEATURE_SIMD) {
    v128.store(to, v128.load(from));
    while (to + 16 < end) {
      to += 16;
      from += 16;
      v128.store(to, v128.load(from));
    }
  } else {
    store<u64>(to, load<u64>(from));
    store<u64>(to, load<u64>(from, 8), 8);
    while (to + 16 < end) {
      to += 16;
      from += 16;
      store<u64>(to, load<u64>(from));
      store<u64>(to, load<u64>(from, 8), 8);
    }
  }
}

/** Copies a match to `to` from `offset` bytes before it. */
@inline export function copyMatch(to: usize, offset: usize, length: usize): void {
  const from = to - offset;
  if (offset >= 16) {
    // Each 16-byte step reads bytes already written.
    copyWide(to, from, length);
  } else if (offset >= 8) {
    const end = to + length;
    let f = from;
    let t = to;
    while (t < end) {
      store<u64>(t, load<u64>(f));
      t += 8;
      f += 8;
    }
  } else if (offset == 1) {
    memory.fill(to, load<u8>(from), length);
  } else if (length <= 32) {
    for (let i: usize = 0; i < length; i++) store<u8>(to + i, load<u8>(from + i));
  } else {
    // The bytes repeat every `offset`: each copy may take all that is written so far, doubling it.
    let done: usize = 0;
    while (done < length) {
      const n = min(offset + done, length - done);
      memory.copy(to + done, from, n);
      done += n;
    }
  }
}
