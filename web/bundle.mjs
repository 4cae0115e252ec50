// Builds the page (run after src/browser/bundle.mjs, from the repository root): node web/bundle.mjs
// Writes build/browser/page/ (index.html, style.css, app.js: web/main.ts and the public library it
// imports) and build/web/serve.js (the static server of `npm run web`). The page's worker is the
// library's own build/browser/highest.worker.mjs, loaded from beside the page's folder, so the core
// is embedded once, in the worker that runs it.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "web");
const pageOut = path.join(root, "build", "browser", "page");

fs.rmSync(pageOut, { recursive: true, force: true });
fs.mkdirSync(pageOut, { recursive: true });

await Promise.all([
  esbuild.build({
    entryPoints: [path.join(source, "main.ts")], outfile: path.join(pageOut, "app.js"),
    bundle: true, format: "esm", platform: "browser", target: ["es2022"], sourcemap: "linked", logLevel: "warning",
  }),
  esbuild.build({
    entryPoints: [path.join(source, "serve.ts")], outfile: path.join(root, "build", "web", "serve.js"),
    format: "cjs", platform: "node", target: ["node20"], logLevel: "warning",
  }),
]);
for (const name of ["index.html", "style.css"]) {
  fs.copyFileSync(path.join(source, name), path.join(pageOut, name));
}
