// Lists the files to audit under the scanned root: one synchronous walk that reads each folder once,
// honours .gitignore files (those inside the root, and those above it up to the git work tree's top,
// as git and globby do), never enters the default-ignored folders (node_modules, dist...) or
// config-ignored ones, and never follows a symbolic link out of the root.
//
// This replaced a globby call with `gitignore: true`: globby walks the tree a second time to find
// .gitignore files and filters every result against them, which took 890 ms of a 3.5 s cached run
// on a 6,400-file monorepo (the same listing without .gitignore took 180 ms). Here the .gitignore of
// a folder is read when the walk enters it, ignored folders are pruned before they are read, and
// the directory entries say which names are files, folders or links, so a regular file costs one
// stat (for its size) and nothing else.

import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { matchAny } from '../config/glob.js';
import { classify, DEFAULT_IGNORED_DIRS, type CandidateKind } from './classify.js';
import { isIgnored, parseGitignore, type IgnoreLayer } from './gitignore.js';

export interface DiscoveredFile {
  /** POSIX, relative to the root. */
  path: string;
  absPath: string;
  kind: CandidateKind;
  size: number;
  /** Modification and change times in ms (for the cache's metadata strategy). */
  mtimeMs: number;
  ctimeMs: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Discovery {
  root: string;
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export interface DiscoverOptions {
  /** Globs of files and folders not to audit (config `ignore`, relative to the root; config/glob.ts syntax). */
  ignore?: string[];
}

/** A .gitignore larger than this is not read (reported); real ones are a few kilobytes. */
const MAX_GITIGNORE_SIZE = 1024 * 1024;
/** Folders nested deeper than this are not entered (reported): a guard against pathological trees. */
const MAX_DEPTH = 200;

export async function discover(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  return discoverSync(root, options);
}

export function discoverSync(root: string, options: DiscoverOptions = {}): Discovery {
  const absRoot = path.resolve(root);
  const realRoot = realpathSync(absRoot);
  const ignore = options.ignore ?? [];
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];

  const readLayer = (abs: string, prefix: string, dir: string, report: boolean): IgnoreLayer | undefined => {
    const text = readGitignore(abs);
    if (typeof text === 'string') {
      const rules = parseGitignore(text);
      return rules.length > 0 ? { prefix, dir, rules } : undefined;
    }
    if (text && report) skipped.push({ path: dir === '' ? '.gitignore' : `${dir}/.gitignore`, reason: text.reason });
    return undefined;
  };

  const walk = (absDir: string, relDir: string, layers: IgnoreLayer[], depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      if (relDir !== '') skipped.push({ path: relDir, reason: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (entries.some((e) => e.name === '.gitignore')) {
      const layer = readLayer(path.join(absDir, '.gitignore'), '', relDir, true);
      if (layer) layers = [...layers, layer];
    }
    for (const entry of entries) {
      const name = entry.name;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const abs = path.join(absDir, name);
      if (entry.isDirectory()) {
        if (DEFAULT_IGNORED_DIRS.has(name) || isIgnored(layers, rel, true) || (ignore.length > 0 && matchAny(ignore, rel))) continue;
        if (depth >= MAX_DEPTH) {
          skipped.push({ path: rel, reason: `folder nested more than ${MAX_DEPTH} levels deep` });
          continue;
        }
        walk(abs, rel, layers, depth + 1);
        continue;
      }
      const kind = classify(rel);
      if (!kind || isIgnored(layers, rel, false) || (ignore.length > 0 && matchAny(ignore, rel))) continue;
      const found = inspect(abs, realRoot, entry);
      if ('reason' in found) skipped.push({ path: rel, reason: found.reason });
      else if (found.info) files.push({ path: rel, absPath: abs, kind, size: found.info.size, mtimeMs: found.info.mtimeMs, ctimeMs: found.info.ctimeMs });
    }
  };

  walk(absRoot, '', parentLayers(absRoot, readLayer), 0);
  // Sorted so that every later phase sees files in one order, whatever the file system returns.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root: absRoot, files, skipped };
}

/** A candidate entry: its stats when it is a regular file to read, null for a folder, or why it is skipped. */
function inspect(abs: string, realRoot: string, entry: Dirent): { info: Stats | null } | { reason: string } {
  try {
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(abs);
      } catch {
        return { reason: 'symbolic link whose target does not exist (or loops)' };
      }
      if (!isInside(realRoot, target)) return { reason: 'symbolic link pointing outside the scanned root' };
    }
    const info = entry.isSymbolicLink() ? statSync(abs) : lstatSync(abs);
    // A directory named like a file kind (`Dockerfile/`, `chart.js/`) behind a link is not walked.
    if (info.isDirectory()) return { info: null };
    // Reading a FIFO blocks until a writer comes; a device can be endless.
    if (!info.isFile()) return { reason: `not a regular file (${specialKind(info)})` };
    return { info };
  } catch (err) {
    return { reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/**
 * The .gitignore files above the root, from the top of its git work tree down (outermost first):
 * auditing `services/api` of a repository still honours the repository's root .gitignore. Outside
 * a git work tree, none.
 */
function parentLayers(absRoot: string, readLayer: (abs: string, prefix: string, dir: string, report: boolean) => IgnoreLayer | undefined): IgnoreLayer[] {
  const chain: string[] = [];
  let gitTop: string | undefined;
  for (let dir = path.dirname(absRoot); ; dir = path.dirname(dir)) {
    chain.push(dir);
    if (existsSync(path.join(dir, '.git'))) {
      gitTop = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  if (existsSync(path.join(absRoot, '.git')) || gitTop === undefined) return [];
  const layers: IgnoreLayer[] = [];
  for (const dir of chain.reverse()) {
    const prefix = `${path.relative(dir, absRoot).split(path.sep).join('/')}/`;
    const layer = readLayer(path.join(dir, '.gitignore'), prefix, '', false);
    if (layer) layers.push(layer);
  }
  return layers;
}

/** The text of a .gitignore, undefined when there is none, or why it was not read. */
function readGitignore(abs: string): string | undefined | { reason: string } {
  try {
    const info = lstatSync(abs);
    // A FIFO or a link to /dev/zero would block or never end; a folder is not a file.
    if (!info.isFile()) return info.isDirectory() ? undefined : { reason: `.gitignore is not a regular file (${specialKind(info)}); its rules are not applied` };
    if (info.size > MAX_GITIGNORE_SIZE) return { reason: `.gitignore of ${info.size} bytes is over the ${MAX_GITIGNORE_SIZE}-byte limit; its rules are not applied` };
    const text = readFileSync(abs, 'utf8');
    // git ignores a UTF-8 BOM; without this the first pattern would start with U+FEFF.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : { reason: `.gitignore cannot be read (${code ?? 'error'}); its rules are not applied` };
  }
}

function isInside(root: string, target: string): boolean {
  if (target === root) return true;
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}
