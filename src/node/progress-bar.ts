// cli-progress, bundled apart (build/node/progress-bar.js) and loaded only when a bar is shown:
// with it the CLI bundle was twice as large, and every run paid to load it.
export { SingleBar } from "cli-progress";
