// The house rules of src/ and web/ for dependency-cruiser (test/architecture/layers.test.ts runs
// it): src/core is platform-neutral, its stages import only downward, and nothing has a cycle,
// type-only imports included. The page (web/) is a user of the library: it imports only its
// public browser entry, and the library never imports the page.
/** The stages of src/core, lowest first: a stage imports only the ones before it. */
const STAGES = ["model", "wasm", "columns", "input", "scan", "check", "output", "run", "threads"];

const upward = STAGES.map((stage, i) => ({
  name: `core-${stage}-imports-down`,
  comment: `src/core/${stage} may import only ${STAGES.slice(0, i + 1).join(", ")}`,
  severity: "error",
  from: { path: `^src/core/${stage}/` },
  to: { path: `^src/core/(${[...STAGES.slice(i + 1), "index\\.ts$"].join("|")})` },
}));

module.exports = {

  forbidden: [
    {
      name: "no-cycle",
      comment: "a cycle (type imports count: a shared type lives in the lower file)",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: "core-in-stages",
      comment: "every file of src/core but index.ts is in a stage folder",
      severity: "error",
      from: { path: "^src/core/[^/]+$", pathNot: "^src/core/index\\.ts$" },
      to: {},
    },
    {
      name: "core-platform-neutral",
      comment: "src/core uses neither Node's modules nor the platform folders",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-not-platform",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(node|browser)/" },
    },
    {
      name: "platforms-apart",
      comment: "Node and browser code share only src/core",
      severity: "error",
      from: { path: "^src/(node|browser)/" },
      to: { path: "^src/(node|browser)/", pathNot: "^src/$1/" },
    },
    {
      name: "library-not-page",
      comment: "the library (src/) never imports the page or its server (web/)",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^web/" },
    },
    {
      name: "page-public-library-only",
      comment: "the page uses the library as a user does: through src/browser/index.ts alone, never its internals",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^src/", pathNot: "^src/browser/index\\.ts$" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
