// Bundles the compiled CLI (dist/src/cli/main.js and everything it imports, chalk included) into one
// CommonJS script, dist/src/cli/main.bundle.cjs, which bin/twelve-factor-audit.js requires; yargs
// goes to a second script beside it, required when a command line needs yargs (YARGS_BUNDLE below). Loading ~175 ES modules one by one (resolve, read, compile each) was most of the fixed
// cost of every run; one script is read and pre-parsed once, its functions compiled on first call.
//
// What stays out of the bundle, loaded as before at run time: node built-ins; the TypeScript
// compiler, yaml, dockerfile-ast and ajv (required lazily through createRequire, which esbuild
// does not follow); worker threads (they load dist/src/engine/worker.js and the rule module from
// dist/, in their own isolate); plugins.
//
// Two things the bundle must do differently from the ES modules, each rewritten here per file:
// - `import.meta.url` of one of our modules becomes that module's own file: URL in dist/, computed at
//   run time from the bundle's location (every path our code derives from it, package.json for the
//   version, the worker script, the rule module, createRequire's base, resolves as before); in a
//   package's module (yargs finds its locales and yargs-parser its require with it) it becomes that
//   module's URL in the package as npm installed it, found at run time through the chain of
//   dependencies that leads to it (hoisted or nested).
// - the script is strict, as ES modules are.
// import() of our own modules (reporters, subcommands) stays lazy: esbuild turns each into a wrapper
// that evaluates the module on first call (an import() of a URL known only at run time, a rule module
// or a plugin, is left as it is: the bundle is a CommonJS module, where import() works); test/e2e/bundle.test.ts checks they are not evaluated at
// start-up.

import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'dist');
const entry = path.join(dist, 'src', 'cli', 'main.js');
export const BUNDLE = path.join(dist, 'src', 'cli', 'main.bundle.cjs');
const bundleDir = path.dirname(BUNDLE);

const toPosix = (p) => p.split(path.sep).join('/');

// Defined at the top of the bundle; `require` and `__dirname` are the bundle's own.
// The folder is read once, first: a bundled ES module may declare its own top-level `__dirname` (yargs
// does), which esbuild leaves as a `var` of the same name at the top of the bundle.
const BANNER = `"use strict";
var __tfaBundleDir = __dirname;
var __tfaDistUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__tfaBundleDir, file)).href;
var __tfaPackageUrl = (chain, file, fallback) => {
  const { existsSync } = require("node:fs"), path = require("node:path");
  let from = __tfaBundleDir;
  for (const name of chain) {
    let dir = from, found;
    for (;;) {
      const candidate = path.join(dir, "node_modules", name);
      if (existsSync(path.join(candidate, "package.json"))) { found = candidate; break; }
      if (path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
    if (found === undefined) return require("node:url").pathToFileURL(path.join(__tfaBundleDir, fallback)).href;
    from = found;
  }
  return require("node:url").pathToFileURL(path.join(from, file)).href;
};`;

/** The folder of the package that holds `file` (the nearest package.json with a name), and that name. */
function packageOf(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof pkg.name === 'string') return { dir, name: pkg.name };
    } catch {
      // keep looking upward
    }
  }
  throw new Error(`no package.json above ${file}`);
}

/** The folder Node finds package `name` in when it is imported from `from` (node_modules upward). */
function packageDir(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The dependencies from our package.json down to the package in `target` (a folder), each resolved
 * from the one before, as Node resolves them: how the bundle finds that package at run time wherever
 * npm put it (hoisted beside us or nested under its dependent).
 */
function dependencyChain(target) {
  const seen = new Set();
  const queue = [{ dir: repo, chain: [] }];
  while (queue.length > 0) {
    const { dir, chain } = queue.shift();
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const found = packageDir(name, dir);
      if (found === undefined || seen.has(found)) continue;
      seen.add(found);
      if (found === target) return [...chain, name];
      queue.push({ dir: found, chain: [...chain, name] });
    }
  }
  throw new Error(`bundle-cli: ${target} is not a dependency of the package`);
}

const rewrite = {
  name: 'tfa-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.(c|m)?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      let url;
      if (args.path.startsWith(dist + path.sep)) {
        url = `__tfaDistUrl(${JSON.stringify(toPosix(path.relative(bundleDir, args.path)))})`;
      } else {
        const pkg = packageOf(args.path);
        const chain = dependencyChain(pkg.dir);
        url = `__tfaPackageUrl(${JSON.stringify(chain)}, ${JSON.stringify(toPosix(path.relative(pkg.dir, args.path)))}, ${JSON.stringify(toPosix(path.relative(bundleDir, args.path)))})`;
      }
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

// Packages whose evaluation costs much and that only `--help` or a usage error needs: string-width
// (three copies under yargs, cliui and wrap-ansi) builds an Intl.Segmenter and compiles Unicode
// property regexps (\p{RGI_Emoji}) when it is evaluated, about 35 ms of CPU per copy, measured. Each
// import of it becomes a function that evaluates the package on its first call (esbuild turns the
// require() of a bundled ES module into a lazy, synchronous init).
const LAZY_PACKAGES = /^string-width$/;

const lazyPackages = {
  name: 'tfa-lazy-packages',
  setup(b) {
    b.onResolve({ filter: LAZY_PACKAGES }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: toPosix(path.relative(repo, real.path)), namespace: 'tfa-lazy' };
    });
    b.onLoad({ filter: /.*/, namespace: 'tfa-lazy' }, (args) => ({
      contents: `let real;\nexport default function lazy(...a) { real ??= require(${JSON.stringify(path.resolve(repo, args.path))}).default; return real(...a); }\n`,
      loader: 'js',
      resolveDir: repo,
    }));
  },
};

// yargs and the packages it depends on (cliui, y18n, yargs-parser, string-width...) are a sixth of
// the code, and only --help, the subcommands' parsers and the command lines that
// src/cli/simple-args.ts leaves to yargs use them: they are a script of their own beside the bundle,
// required on first use, so that the other runs do not read and pre-parse them (about 5 ms of CPU,
// measured). yargs shares no state with our modules (its errors are told by name, YError).
export const YARGS_BUNDLE = path.join(bundleDir, 'yargs.bundle.cjs');

const separateYargs = {
  name: 'tfa-separate-yargs',
  setup(b) {
    b.onResolve({ filter: /^yargs$/ }, () => ({ path: 'yargs', namespace: 'tfa-yargs' }));
    // Our modules import yargs' default export; an ES module's import of CommonJS gets module.exports.
    b.onLoad({ filter: /.*/, namespace: 'tfa-yargs' }, () => ({ contents: `module.exports = require(${JSON.stringify(`./${path.basename(YARGS_BUNDLE)}`)}).default;\n`, loader: 'js', resolveDir: bundleDir }));
    b.onResolve({ filter: /^\.\/yargs\.bundle\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: BANNER },
  logLevel: 'silent',
  metafile: true,
  legalComments: 'none',
};

/** esbuild's build; its warnings fail it (the file is removed) rather than ship a script that differs from dist/. */
async function buildScript(options) {
  const result = await build({ ...COMMON, ...options });
  // A warning here means a construct the bundle would change silently (an import.meta left over, a
  // require esbuild cannot see).
  if (result.warnings.length > 0) {
    for (const w of result.warnings) console.error(`bundle: ${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`);
    rmSync(options.outfile, { force: true });
    throw new Error(`bundle-cli: esbuild warned; ${path.basename(options.outfile)} is not written`);
  }
  return result;
}

export async function bundleCli() {
  rmSync(BUNDLE, { force: true });
  rmSync(YARGS_BUNDLE, { force: true });
  // yargs first: bin runs the main bundle once it is newer than the modules, and it needs this one.
  await buildScript({
    stdin: { contents: "export { default } from 'yargs';\n", resolveDir: repo, sourcefile: 'yargs-entry.mjs', loader: 'js' },
    outfile: YARGS_BUNDLE,
    plugins: [lazyPackages, rewrite],
  });
  return buildScript({ entryPoints: [entry], outfile: BUNDLE, plugins: [separateYargs, lazyPackages, rewrite] });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await bundleCli();
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`bundle: ${inputs} modules -> ${path.relative(repo, BUNDLE)} (${Math.round(result.metafile.outputs[toPosix(path.relative(repo, BUNDLE))]?.bytes / 1024)} KB)`);
}
