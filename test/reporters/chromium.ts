// The Chromium the browser tests drive. It comes from the npm registry with the dev dependencies:
// @sparticuz/chromium ships a headless Chromium for Linux x86-64 inside its tarball (brotli files),
// with the few shared libraries it needs beyond glibc (NSS, NSPR, expat). It is unpacked once into
// node_modules/.cache, a folder this checkout owns, never into a shared /tmp path another process
// could have planted. TFA_CHROMIUM=<path> uses a browser already installed instead.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export interface ChromiumBinary {
  executablePath: string;
  /** Environment for the browser process (the bundled libraries' folder). */
  env: Record<string, string>;
  from: string;
}

const PACKAGE = '@sparticuz/chromium';

export function findChromium(): ChromiumBinary {
  const explicit = process.env.TFA_CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TFA_CHROMIUM=${explicit}: no such file`);
    return { executablePath: explicit, env: {}, from: 'TFA_CHROMIUM' };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${PACKAGE} ships Chromium for Linux x86-64 only (this is ${process.platform}-${process.arch}): set TFA_CHROMIUM to a Chromium or Chrome binary`);
  }
  let pkgJson: string;
  try {
    // Its exports map hides package.json: find it from the entry point (build/cjs/index.cjs).
    pkgJson = path.resolve(path.dirname(createRequire(import.meta.url).resolve(PACKAGE)), '..', '..', 'package.json');
  } catch {
    throw new Error(`${PACKAGE} is not installed: run npm ci (it is a dev dependency), or set TFA_CHROMIUM to a Chromium binary`);
  }
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const bin = path.join(path.dirname(pkgJson), 'bin');
  const root = path.resolve(path.dirname(pkgJson), '..', '..');
  const dir = path.join(root, '.cache', 'twelve-factor-audit-chromium', version);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) unpack(bin, dir);
  return { executablePath, env: { LD_LIBRARY_PATH: path.join(dir, 'lib') }, from: `${PACKAGE}@${version}` };
}

/** Unpacks into a fresh folder, then renames it into place: a half-unpacked browser is never used. */
function unpack(bin: string, dir: string): void {
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    writeFileSync(path.join(tmp, 'chromium'), brotliDecompressSync(readFileSync(path.join(bin, 'chromium.br'))));
    chmodSync(path.join(tmp, 'chromium'), 0o755);
    // al2023: the libraries (lib/libnss3.so…) Chromium links against beyond glibc.
    const tar = path.join(tmp, 'al2023.tar');
    writeFileSync(tar, brotliDecompressSync(readFileSync(path.join(bin, 'al2023.tar.br'))));
    execFileSync('tar', ['-xf', tar, '-C', tmp]);
    rmSync(tar);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another worker unpacked it first.
      if (!existsSync(path.join(dir, 'chromium'))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
