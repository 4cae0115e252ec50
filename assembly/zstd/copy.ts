// A match's copy: `length` bytes from `offset` back, where the source may overlap what is written
// (a short offset repeats its bytes).

/** Copies a match to `to` from `offset` bytes before it. */
export function copyMatch(to: usize, offset: usize, length: usize): void {
  const from = to - offset;
  if (offset >= length) {
    memory.copy(to, from, length);
    return;
  }
  if (offset == 1) {
    memory.fill(to, load<u8>(from), length);
    return;
  }
  // The bytes repeat every `offset`: each copy may take all that is written so far, doubling it.
  let done: usize = 0;
  while (done < length) {
    const n = min(offset + done, length - done);
    memory.copy(to + done, from, n);
    done += n;
  }
}
