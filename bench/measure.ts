// One measured run, in its own process so that peak RSS and module loading are the run's own:
//   node dist/bench/measure.js floor <root>
//   node dist/bench/measure.js audit <root> [cli args...]
// Prints one JSON line {ms, maxRssMb, ...} on stdout as its last line.

import { availableParallelism } from 'node:os';
import { discover } from '../src/discovery/discover.js';
import { isTestPath } from '../src/discovery/classify.js';
import { readText } from '../src/engine/read-file.js';
import { parseFacts } from '../src/engine/per-file.js';
import { KNOWN_FORMATS } from '../src/secrets/detect.js';
import type { ts } from '../src/parsing/typescript.js';

const [mode, root, ...rest] = process.argv.slice(2);
const t0 = performance.now();

/**
 * The floor: the same files listed, read and parsed by the same parsers, in one thread, with the
 * secret-format regexes run once over each text and the TS tree walked once; no rules, no facts,
 * no report. An audit cannot cost less than this.
 */
async function floor(dir: string): Promise<Record<string, unknown>> {
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

async function auditRun(args: string[]): Promise<Record<string, unknown>> {
  const { run } = await import('../src/cli/main.js');
  let stderr = '';
  const code = await run(args, { stdout: () => {}, stderr: (s) => (stderr += s), isTTY: false, cwd: process.cwd() });
  if (code === 2) throw new Error(`audit failed: ${stderr}`);
  return { exitCode: code, stderr: stderr.trim() };
}

const out = mode === 'floor' ? await floor(root!) : await auditRun([root!, ...rest]);
const ms = performance.now() - t0;
const usage = process.resourceUsage();
// CPU time (all threads) next to wall time: on a shared, loaded machine it is the steadier figure.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
console.log(JSON.stringify({ ...out, ms, cpuMs, maxRssMb: usage.maxRSS / 1024, cores: availableParallelism() }));
