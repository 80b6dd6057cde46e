#!/usr/bin/env node
// Starts the CLI. `npm run build` bundles it into one script, dist/src/cli/main.bundle.cjs
// (scripts/bundle-cli.mjs): one file to read and compile instead of ~250 modules, which was most of
// the fixed cost of every run. Without the bundle, or with a bundle older than the modules (tsc run
// alone after a build), the ES modules in dist/ run as they are.
//
// A run that asks for a cache (`--cache`) also keeps V8's compiled code of the bundle in the user
// cache directory (src/util/code-cache.ts: checked by SHA-256, then by V8, rewritten when refused),
// as it keeps the TypeScript compiler's. A run without `--cache` writes nothing and reads nothing
// there, like ESLint without --cache: the tool leaves no state behind unless asked. The flag is read
// here, before anything is loaded, as yargs reads it (src/cli/main.ts): the last of `--cache`,
// `--cache=<bool>`, `--cache <bool>` and `--no-cache` before a `--` wins. No config file sets it.
// The cache is not used when the user cache folder lies inside a tree the run may audit
// (src/util/user-cache.ts: compiled code planted there would run).

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

/** Whether the arguments turn the cache on, as yargs parses the boolean `--cache`. */
function cacheRequested(args) {
  let on = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === '--cache') {
      const next = args[i + 1];
      if (next === 'true' || next === 'false') {
        on = next === 'true';
        i++;
      } else on = true;
    } else if (arg === '--no-cache') on = false;
    else if (arg.startsWith('--cache=')) on = arg.slice('--cache='.length) === 'true';
  }
  return on;
}

if (!bundleCurrent()) {
  await (await import(modules.href)).main();
} else {
  const args = process.argv.slice(2);
  const { codeCacheDirForArgs } = cacheRequested(args) ? await import('../dist/src/util/user-cache.js') : {};
  const dir = codeCacheDirForArgs?.(args, process.cwd());
  if (dir === undefined) {
    await createRequire(import.meta.url)(bundle).main();
  } else {
    const { runWithCodeCache } = await import('../dist/src/util/code-cache.js');
    const loaded = runWithCodeCache(bundle, dir, 'cli', { __tfaImport: (url) => import(url) });
    await loaded.exports.main();
    // Written after the run, so that the functions it compiled on the way are in the cached data too.
    loaded.save();
  }
}
