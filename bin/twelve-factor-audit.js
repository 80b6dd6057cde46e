#!/usr/bin/env node
// Starts the CLI. `npm run build` bundles it into one script, dist/src/cli/main.bundle.cjs
// (scripts/bundle-cli.mjs): one file to read and compile instead of ~250 modules, which was most of
// the fixed cost of every run. Without the bundle, or with a bundle older than the modules (tsc run
// alone after a build), the ES modules in dist/ run as they are.
//
// This file is CommonJS (bin/package.json says so, inside a package of ES modules): an ES module as
// the entry point starts Node's ES module loader, ~10 ms of CPU on every run (`--version` included)
// that requiring a CommonJS bundle never needs. The fallback to the ES modules imports them.
//
// The bundle has no V8 code cache of its own (the compiler has one, src/parsing/typescript-module.ts):
// V8 compiles a function on its first call, so a script this size costs only a pre-parse, and
// deserialising a cache of it measured no faster (270 ms against 270 ms CPU for a cached run).

'use strict';

// Before anything else is compiled: V8's inlining budget for a short run (v8-tuning.cjs says why).
require('./v8-tuning.cjs').applyV8Tuning();

const { statSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.bundle.cjs');
const modules = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');

/** Whether the bundle is there and was built from the modules as they are. */
function bundleCurrent() {
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
  } catch {
    return false;
  }
}

if (!bundleCurrent()) {
  import(pathToFileURL(modules).href).then((cli) => cli.main());
} else {
  require(bundle).main();
}
