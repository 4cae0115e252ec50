// Bundles the browser side with esbuild (run after tsc, from the repository root):
//   node src/browser/bundle.mjs
// Writes the library as ES modules: build/browser/highest.mjs, build/browser/highest.worker.mjs
// and the helper worker of threaded runs, build/browser/highest.helper.mjs (for helperUrl); and
// the browser tests' entry with knobs, build/browser/highest-internal.mjs. The page (web/) is
// bundled apart, by web/bundle.mjs.
// Each bundle that runs highest() embeds the core's .wasm builds (the CLI's build/wasm/ files,
// as base64) and the helper's script (minified text) in place of src/browser/embedded.ts, so a
// bundler (Vite, webpack, esbuild) needs no configuration to find them: there is nothing to find.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = path.join(root, "src", "browser");
const out = path.join(root, "build", "browser");

const common = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: process.argv.includes("--minify"),
  sourcemap: "linked",
  logLevel: "warning",
};

// The helper's script, self-contained (it is sent the compiled core, so it embeds no .wasm).
const helper = await esbuild.build({ ...common, entryPoints: [path.join(source, "helper.ts")], minify: true, sourcemap: false, write: false });
const embeddedModule = `export const EMBEDDED = ${JSON.stringify({
  simd: fs.readFileSync(path.join(root, "build", "wasm", "highest.simd.wasm")).toString("base64"),
  scalar: fs.readFileSync(path.join(root, "build", "wasm", "highest.scalar.wasm")).toString("base64"),
  helper: helper.outputFiles[0].text,
})};\n`;
const embedded = {
  ...common,
  plugins: [{
    name: "embed",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]browser[\\/]embedded\.ts$/ }, () => ({ contents: embeddedModule, loader: "js" }));
    },
  }],
};

await Promise.all([
  esbuild.build({ ...embedded, entryPoints: [path.join(source, "index.ts")], outfile: path.join(out, "highest.mjs") }),
  esbuild.build({ ...embedded, entryPoints: [path.join(source, "worker.ts")], outfile: path.join(out, "highest.worker.mjs") }),
  // The tests' entry with knobs (internal.ts): built beside the library, never shipped.
  esbuild.build({ ...embedded, entryPoints: [path.join(source, "internal.ts")], outfile: path.join(out, "highest-internal.mjs") }),
  esbuild.build({ ...common, entryPoints: [path.join(source, "helper.ts")], outfile: path.join(out, "highest.helper.mjs") }),
]);
