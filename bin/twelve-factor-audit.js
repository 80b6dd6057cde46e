#!/usr/bin/env node
// Starts the CLI. `npm run build` bundles it into one script, dist/src/cli/main.bundle.cjs
// (scripts/bundle-cli.mjs): one file to read and compile instead of ~250 modules, which was most of
// the fixed cost of every run. Without the bundle, or with a bundle older than the modules (tsc run
// alone after a build), the ES modules in dist/ run as they are.
//
// The bundle has no V8 code cache of its own (the compiler has one, src/parsing/typescript-module.ts):
// V8 compiles a function on its first call, so a script this size costs only a pre-parse, and
// deserialising a cache of it measured no faster (270 ms against 270 ms CPU for a cached run).

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/src/cli/main.bundle.cjs', import.meta.url));
const modules = new URL('../dist/src/cli/main.js', import.meta.url);

/** Whether the bundle is there and was built from the modules as they are. */
function bundleCurrent() {
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
  } catch {
    return false;
  }
}

if (!bundleCurrent()) {
  await (await import(modules.href)).main();
} else {
  await createRequire(import.meta.url)(bundle).main();
}
