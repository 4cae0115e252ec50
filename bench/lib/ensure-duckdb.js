'use strict';
// DuckDB (@duckdb/node-api, a ~70 MB native download) is a benchmark contender only, so it is not
// in package.json: `npm ci` never fetches it. The benchmark installs it on demand, once, into
// bench/.deps/ (git-ignored, and outside node_modules so `npm ci` does not wipe it), at the
// version that used to be pinned. An installation the user made themselves (require.resolve
// finds it) is used as it is.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createRequire } = require('node:module');

const PACKAGE = '@duckdb/node-api';
const VERSION = '1.5.6-r.1';
const DEPS = path.join(__dirname, '..', '.deps');

/** The resolved path of @duckdb/node-api, or null when it is not installed anywhere we look. */
function resolveDuckDB() {
  for (const from of [require, createRequire(path.join(DEPS, 'package.json'))]) {
    try {
      return from.resolve(PACKAGE);
    } catch {
      // not there: try the next place
    }
  }
  return null;
}

/**
 * Makes sure DuckDB can be loaded: installs it into bench/.deps/ when missing.
 * Returns { ok: true, path } or { ok: false, reason }.
 */
function ensureDuckDB({ log = console.error } = {}) {
  let resolved = resolveDuckDB();
  if (resolved) return { ok: true, path: resolved };
  log(`installing ${PACKAGE}@${VERSION} into ${path.relative(process.cwd(), DEPS) || DEPS} for the DuckDB contender (~70 MB, once)…`);
  fs.mkdirSync(DEPS, { recursive: true });
  fs.writeFileSync(
    path.join(DEPS, 'package.json'),
    `${JSON.stringify({ name: 'highest-bench-deps', private: true, description: 'Installed by bench/lib/ensure-duckdb.js', dependencies: { [PACKAGE]: VERSION } }, null, 2)}\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', DEPS, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  if (r.error || r.status !== 0) {
    const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter((l) => l && !/complete log of this run/.test(l));
    const message = r.error ? r.error.message : lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `npm exited with ${r.status}`;
    return { ok: false, reason: `could not install ${PACKAGE}@${VERSION}: ${message.slice(0, 200)}` };
  }
  resolved = resolveDuckDB();
  if (!resolved) return { ok: false, reason: `${PACKAGE} still not found after npm install into ${DEPS}` };
  // Loading it also checks the native binding for this platform.
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(resolved)})`], { encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, reason: `${PACKAGE} does not load: ${(probe.stderr || '').trim().split('\n')[0]}` };
  return { ok: true, path: resolved };
}

module.exports = { ensureDuckDB, resolveDuckDB, PACKAGE, VERSION };
