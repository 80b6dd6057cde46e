// One measured run, in its own process so that peak RSS and module loading are the run's own:
//   node dist/bench/measure.js floor <root>
//   node dist/bench/measure.js audit <root> [cli args...]
// Prints one JSON line {ms, maxRssMb, ...} on stdout as its last line.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ts } from '../src/parsing/typescript.js';

const [mode, root, ...rest] = process.argv.slice(2);
const t0 = performance.now();

/**
 * The floor: the same files listed, read and parsed by the same parsers, in one thread, with the
 * secret-format regexes run once over each text and the TS tree walked once; no rules, no facts,
 * no report. An audit cannot cost less than this.
 */
async function floor(dir: string): Promise<Record<string, unknown>> {
  // Under the V8 settings the CLI gives itself (bin/v8-tuning.cjs), so that the ratio compares the
  // audit's work with the parse's, not two runtimes.
  (createRequire(import.meta.url)('../../bin/v8-tuning.cjs') as { applyV8Tuning(): void }).applyV8Tuning();
  // Imported here, not at the top: an audit run loads only what the CLI loads.
  const { discover } = await import('../src/discovery/discover.js');
  const { isTestPath } = await import('../src/discovery/classify.js');
  const { readText } = await import('../src/engine/read-file.js');
  const { parseFacts } = await import('../src/engine/per-file.js');
  const { KNOWN_FORMATS } = await import('../src/secrets/detect.js');
  const { files } = await discover(dir);
  let tsLoaded: typeof import('../src/parsing/typescript.js') | null = null;
  let nodes = 0;
  let parsed = 0;
  for (const file of files) {
    if (file.kind === 'lockfile' || file.size > 2 * 1024 * 1024) continue;
    const text = readText(file.absPath);
    if (typeof text !== 'string') continue;
    for (const format of KNOWN_FORMATS) {
      format.pattern.lastIndex = 0;
      while (format.pattern.exec(text)) nodes++;
    }
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    try {
      if (file.kind === 'ts') {
        tsLoaded ??= await import('../src/parsing/typescript.js');
        const { sourceFile } = tsLoaded.parseTypeScript(file.path, text);
        const stack: ts.Node[] = [sourceFile];
        while (stack.length > 0) {
          const node = stack.pop()!;
          nodes++;
          node.forEachChild((child) => {
            stack.push(child);
          });
        }
      } else {
        parseFacts({ path: file.path, kind: file.kind, text, isTest: isTestPath(file.path) }, base);
      }
      parsed++;
    } catch {
      // a parse error costs what it costs; the floor only times the work
    }
  }
  return { files: parsed, nodes };
}

/** An audit as `twelve-factor-audit <args>` runs it: through bin/, so the CLI bundle and its code cache count. */
async function auditRun(args: string[]): Promise<Record<string, unknown>> {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'twelve-factor-audit.js');
  process.argv = [process.argv[0]!, bin, ...args];
  // bin/ is CommonJS: loading it starts the CLI and returns before the run ends (no top-level await),
  // so the run is over only when the process has nothing left to do. Measured then, not at import.
  const finished = new Promise<void>((resolve) => process.once('beforeExit', () => resolve()));
  await import(pathToFileURL(bin).href);
  await finished;
  const code = process.exitCode ?? 0;
  if (code === 2) throw new Error('audit failed with exit code 2 (its message is above)');
  process.exitCode = 0;
  return { exitCode: code };
}

const out = mode === 'floor' ? await floor(root!) : await auditRun([root!, ...rest]);
const ms = performance.now() - t0;
const usage = process.resourceUsage();
// CPU time (all threads) next to wall time: on a shared, loaded machine it is the steadier figure.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
console.log(JSON.stringify({ ...out, ms, cpuMs, maxRssMb: usage.maxRSS / 1024, cores: availableParallelism() }));
