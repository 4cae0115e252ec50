// What the browser bundles carry inside them, so that a bundler needs no configuration: the
// core's .wasm builds (base64) and the helper worker's script (text). node src/browser/bundle.mjs
// fills these in; unbundled (tsc's output, ts-jest) they are absent, and only wasmUrl and
// helperUrl can say where the files are.

/** The embedded files; each is absent where nothing was embedded. */
export const EMBEDDED: { simd?: string; scalar?: string; helper?: string } = {};
