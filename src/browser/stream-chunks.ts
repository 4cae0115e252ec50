// A WHATWG ReadableStream as an async iterable of chunks, for ChunkStreamSource.
// (Not every browser makes ReadableStream itself async-iterable yet.)

/** Yields the stream's chunks in order; stopping early cancels the stream. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) { finished = true; return; }
      yield next.value;
    }
  } finally {
    if (!finished) await reader.cancel();
    reader.releaseLock();
  }
}
