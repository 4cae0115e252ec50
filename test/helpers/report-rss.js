// Preloaded with `node -r` by test/large/run-large.js: on exit, writes the process's peak resident
// set size (KiB, as getrusage reports it) to the file named by HIGHEST_RSS_FILE.
"use strict";
const fs = require("node:fs");
const file = process.env.HIGHEST_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
