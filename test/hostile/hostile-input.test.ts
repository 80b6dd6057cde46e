// The hostile-input suite: the audit is pointed at junk (random bytes under every file name it
// reads, truncated and garbled fixtures, alias bombs, absurd nesting, huge files, broken encodings,
// special files, symbolic links in every bad shape, odd path names) and must always finish with exit
// 0 or 1, a JSON report, no stack trace, no rule crash, a diagnostic for what it skipped or could
// not parse, inside a time bound. Files are generated here, in os.tmpdir(), from a fixed seed.
//
// The summary line `hostile cases: N passed, M failed` counts every case tried.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliFormats, randomBytes, removeDir, runCli, seededRandom, soundnessProblems, tempDir, type JsonReport } from './helpers.js';

const SEED = 0x12f4c70;
const REPO = path.resolve(import.meta.dirname, '..', '..');

/** Wall-clock bound for one small case on a slow, shared 2-core CI machine. */
const SMALL_CASE_MS = 15_000;
/** The memory bound of one run, documented in docs/security.md. */
const HEAP_LIMIT_MB = 512;

const tally = { passed: 0, failed: 0 };
const failures: string[] = [];

afterAll(() => {
  // Printed whatever happens, so that CI logs show how much hostile input was tried.
  console.log(`hostile cases: ${tally.passed} passed, ${tally.failed} failed`);
  if (failures.length > 0) console.log(failures.join('\n'));
});

type Expect = 'file-skipped' | 'parse-error' | 'diagnostic' | 'none' | 'any';

interface Check {
  /** Path (relative to the root) whose handling the case is about. */
  target: string;
  expect: Expect;
  /** Text the diagnostic message must contain. */
  reason?: RegExp;
}

/**
 * Cases that fail for a reason already being worked on. They still run and are printed; a known case
 * that starts passing fails the suite, so that this list only ever shrinks.
 */
const KNOWN_ISSUES = new Map<string, string>([]);

/** Records one case; returns its problems so that the caller can assert on them. */
function record(name: string, problems: string[]): string[] {
  const known = KNOWN_ISSUES.get(name);
  if (known !== undefined) {
    if (problems.length === 0) {
      tally.failed++;
      failures.push(`FAILED ${name}: passes now; remove it from KNOWN_ISSUES`);
      return [`${name} passes now; remove it from KNOWN_ISSUES`];
    }
    console.log(`known issue ${name}: ${known} (${problems.join('; ')})`);
    return [];
  }
  if (problems.length === 0) tally.passed++;
  else {
    tally.failed++;
    failures.push(`FAILED ${name}: ${problems.join('; ')}`);
  }
  return problems;
}

function checkTarget(report: JsonReport | null, check: Check): string[] {
  if (!report) return [];
  const diagnostics = report.findings.filter((f) => f.file === check.target && (f.ruleId === 'file-skipped' || f.ruleId === 'parse-error'));
  const wanted = check.expect;
  if (wanted === 'any') return [];
  if (wanted === 'none') return diagnostics.length === 0 ? [] : [`unexpected diagnostic on ${check.target}: ${diagnostics[0]!.message}`];
  const hit = diagnostics.find((d) => (wanted === 'diagnostic' || d.ruleId === wanted) && (!check.reason || check.reason.test(d.message)));
  return hit ? [] : [`no ${wanted} diagnostic${check.reason ? ` matching ${check.reason}` : ''} on ${check.target} (got: ${report.findings.filter((f) => f.file === check.target).map((f) => `${f.ruleId}: ${f.message}`).join(' | ') || 'nothing'})`];
}

/** Runs the CLI on `dir` and checks soundness plus every target's diagnostic. */
async function auditCase(name: string, dir: string, checks: Check[], options: { argv?: string[]; boundMs?: number } = {}): Promise<{ problems: string[]; report: JsonReport | null }> {
  const result = await runCli([dir, '--format', 'json', ...(options.argv ?? [])]);
  const { problems, report } = soundnessProblems(result);
  const bound = options.boundMs ?? SMALL_CASE_MS;
  if (process.env.HOSTILE_TIMINGS) console.log(`${Math.round(result.ms)} ms ${name}`);
  if (result.ms > bound) problems.push(`took ${Math.round(result.ms)} ms (bound ${bound} ms)`);
  for (const c of checks) problems.push(...checkTarget(report, c));
  return { problems: record(name, problems), report };
}

/** A tree with one anchor file that parses, so that a case's own file is never the only one. */
function caseDir(label: string): string {
  const dir = tempDir(`hostile-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  writeFileSync(path.join(dir, 'Procfile'), 'web: node server.js\n');
  return dir;
}

function write(dir: string, rel: string, content: string | Buffer): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** Every file name the audit reads, one per kind and variant of naming. */
const TARGET_NAMES = [
  'src/index.ts',
  'src/view.tsx',
  'server.js',
  'lib/util.mjs',
  'lib/legacy.cjs',
  'src/App.jsx',
  'src/mod.mts',
  'src/mod.cts',
  'Dockerfile',
  'Containerfile',
  'docker/api.Dockerfile',
  'Dockerfile.prod',
  'docker-compose.yml',
  'compose.yaml',
  'k8s/deployment.yaml',
  'chart/templates/deployment.yaml',
  'package.json',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'tsconfig.json',
  'jsconfig.json',
  '.env',
  '.env.production',
  'config/app.env',
  'Procfile.dev',
  'scripts/start.sh',
  'config/settings.json',
  'config/values.yml',
  'docker-bake.hcl',
];

const LOCKFILE = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb)$/;

describe('random bytes under every target file name', () => {
  const rand = seededRandom(SEED);
  const variants: Array<{ label: string; make: () => Buffer; expect: (name: string) => Expect; reason?: RegExp }> = [
    // NUL bytes in the first 8 KB: read as binary and skipped (lockfiles are known by name and never read).
    { label: 'binary', make: () => randomBytes(rand, 4096), expect: (n) => (LOCKFILE.test(n) ? 'none' : 'file-skipped'), reason: /binary/ },
    // Random bytes without NUL: invalid UTF-8 everywhere; parsed (and maybe rejected) as text.
    { label: 'no-NUL bytes', make: () => randomBytes(rand, 4096, { noNul: true }), expect: () => 'any' },
    // Printable noise heavy in the characters parsers care about.
    {
      label: 'syntax noise',
      make: () => {
        const alphabet = '{}[]()<>:;,."\'`$\\&|#=!-*&@%^ \n\t\rabcXYZ019';
        let s = '';
        for (let i = 0; i < 4096; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
        return Buffer.from(s);
      },
      expect: () => 'any',
    },
  ];
  for (const variant of variants) {
    it(`${variant.label}: ${TARGET_NAMES.length} file names`, async () => {
      const all: string[] = [];
      for (const name of TARGET_NAMES) {
        const dir = caseDir(name);
        try {
          write(dir, name, variant.make());
          const { problems } = await auditCase(`${variant.label} as ${name}`, dir, [{ target: name, expect: variant.expect(name), ...(variant.reason ? { reason: variant.reason } : {}) }]);
          all.push(...problems.map((p) => `${name}: ${p}`));
        } finally {
          removeDir(dir);
        }
      }
      expect(all).toEqual([]);
    }, 300_000);
  }
});

describe('empty and blank files under every target file name', () => {
  for (const [label, content] of [
    ['empty', ''],
    ['whitespace only', ' \n\t\n\r\n'],
  ] as const) {
    it(`${label}: ${TARGET_NAMES.length} file names`, async () => {
      const all: string[] = [];
      for (const name of TARGET_NAMES) {
        const dir = caseDir(name);
        try {
          write(dir, name, content);
          const { problems } = await auditCase(`${label} ${name}`, dir, [{ target: name, expect: 'any' }]);
          all.push(...problems.map((p) => `${name}: ${p}`));
        } finally {
          removeDir(dir);
        }
      }
      expect(all).toEqual([]);
    }, 300_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Truncated and garbled copies of every fixture.

function fixtureCaseDirs(): string[] {
  const out: string[] = [];
  const rulesDir = path.join(REPO, 'rules');
  for (const factor of readdirSync(rulesDir).sort()) {
    const fixtures = path.join(rulesDir, factor, '__fixtures__');
    if (!existsSync(fixtures)) continue;
    for (const rule of readdirSync(fixtures).sort()) {
      const ruleDir = path.join(fixtures, rule);
      if (!statSync(ruleDir).isDirectory()) continue;
      for (const c of readdirSync(ruleDir).sort()) if (statSync(path.join(ruleDir, c)).isDirectory()) out.push(path.join(ruleDir, c));
    }
  }
  const apps = path.join(REPO, 'fixtures', 'apps');
  if (existsSync(apps)) for (const app of readdirSync(apps).sort()) if (statSync(path.join(apps, app)).isDirectory()) out.push(path.join(apps, app));
  return out;
}

function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(path.join(dir, e.name), rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Transformations of a fixture file. `same` ones must not change any finding. */
const GARBLERS: Array<{ id: string; same?: boolean; apply: (b: Buffer, rand: () => number) => Buffer }> = [
  { id: 'trunc-third', apply: (b) => b.subarray(0, Math.floor(b.length / 3)) },
  { id: 'trunc-half', apply: (b) => b.subarray(0, Math.floor(b.length / 2)) },
  { id: 'trunc-last-byte', apply: (b) => b.subarray(0, Math.max(0, b.length - 1)) },
  {
    id: 'byte-flips',
    apply: (b, rand) => {
      const out = Buffer.from(b);
      for (let i = 0; i < Math.max(1, out.length / 50); i++) out[Math.floor(rand() * out.length)] = 1 + Math.floor(rand() * 255);
      return out;
    },
  },
  {
    id: 'unbalanced',
    apply: (b, rand) => {
      const at = Math.floor(rand() * (b.length + 1));
      return Buffer.concat([b.subarray(0, at), Buffer.from('{["\'`${(<<EOF\n'), b.subarray(at)]);
    },
  },
  { id: 'invalid-utf8', apply: (b, rand) => { const at = Math.floor(rand() * (b.length + 1)); return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xe9, 0xff, 0xfe]), b.subarray(at)]); } },
  { id: 'crlf', same: true, apply: (b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1') },
  { id: 'bom', same: true, apply: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) },
  { id: 'bom-crlf', same: true, apply: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1')]) },
];

/** Findings that matter for equivalence: rule, file, line. */
function signature(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();
}

/** Runs the CLI on one folder; the soundness problems of the run, its report and its time. */
async function garbledRun(dir: string, boundMs: number): Promise<{ problems: string[]; report: JsonReport | null }> {
  const result = await runCli([dir, '--format', 'json']);
  const { problems, report } = soundnessProblems(result);
  if (result.ms > boundMs) problems.push(`took ${Math.round(result.ms)} ms (bound ${boundMs} ms)`);
  return { problems, report };
}

describe('truncated and garbled fixtures', () => {
  const cases = fixtureCaseDirs();
  it(`${cases.length} fixture cases x ${GARBLERS.length} garblings`, async () => {
    expect(cases.length).toBeGreaterThan(0);
    const rand = seededRandom(SEED + 1);
    const all: string[] = [];
    for (const caseDirPath of cases) {
      const label = path.relative(REPO, caseDirPath);
      const dir = tempDir('garbled');
      try {
        const files = filesUnder(caseDirPath);
        for (const rel of files) write(dir, `orig/${rel}`, readFileSync(path.join(caseDirPath, rel)));
        for (const g of GARBLERS) for (const rel of files) write(dir, `${g.same ? '' : 'changing/'}${g.id}/${rel}`, g.apply(readFileSync(path.join(caseDirPath, rel)), rand));
        // Garblings that may change findings share one run: only soundness is checked there. The
        // original and each garbling that must not change findings run alone, because folders
        // audited together form one project and cross-file rules would mix them (a truncated
        // ConfigMap in one folder hiding the keys another declares; one finding for a variable read
        // in every folder, placed in whichever folder sorts first).
        const changing = await garbledRun(path.join(dir, 'changing'), SMALL_CASE_MS * 2);
        const orig = await garbledRun(path.join(dir, 'orig'), SMALL_CASE_MS);
        all.push(...record(`orig ${label}`, orig.problems).map((p) => `orig ${label}: ${p}`));
        for (const g of GARBLERS) {
          let own: string[];
          if (!g.same) own = [...changing.problems];
          else {
            const run = await garbledRun(path.join(dir, g.id), SMALL_CASE_MS);
            own = run.problems;
            if (run.report && orig.report) {
              const expected = signature(orig.report);
              const got = signature(run.report);
              if (JSON.stringify(expected) !== JSON.stringify(got)) own.push(`findings changed: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
            }
          }
          all.push(...record(`${g.id} ${label}`, own).map((p) => `${g.id} ${label}: ${p}`));
        }
      } finally {
        removeDir(dir);
      }
    }
    expect(all).toEqual([]);
  }, 600_000);
});

// Resource exhaustion: alias bombs, nesting, size.

function billionLaughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

function billionLaughsBlock(levels: number, width: number): string {
  let s = 'services:\n  base: &l0\n    image: node:20\n';
  for (let i = 1; i < levels; i++) {
    s += `  s${i}: &l${i}\n`;
    for (let j = 0; j < width; j++) s += `    k${j}: *l${i - 1}\n`;
  }
  return s;
}

function nested(open: string, close: string, depth: number, inner = ''): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

function deepYamlBlock(depth: number): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}k${i}:\n`;
  return `${s}${' '.repeat(depth)}leaf: 1\n`;
}

interface Special {
  name: string;
  files: Record<string, string | Buffer | (() => string | Buffer)>;
  checks: Check[];
  argv?: string[];
  boundMs?: number;
}

const RESOURCE_CASES: Special[] = [
  { name: 'billion laughs (flow) as compose', files: { 'docker-compose.yml': billionLaughs(9, 9) }, checks: [{ target: 'docker-compose.yml', expect: 'parse-error', reason: /alias|resource/i }] },
  { name: 'billion laughs (flow) as k8s', files: { 'k8s/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\n${billionLaughs(9, 9)}` }, checks: [{ target: 'k8s/bomb.yaml', expect: 'parse-error' }] },
  { name: 'billion laughs (block maps) as compose', files: { 'compose.yaml': billionLaughsBlock(8, 10) }, checks: [{ target: 'compose.yaml', expect: 'parse-error' }] },
  { name: 'billion laughs (merge keys)', files: { 'config/a.yaml': `a: &a {x: 1, y: 2, z: 3}\n${Array.from({ length: 8 }, (_, i) => `m${i + 1}: &m${i + 1} {${Array.from({ length: 9 }, (_, j) => `k${j}: *${i === 0 ? 'a' : `m${i}`}`).join(', ')}}`).join('\n')}\n` }, checks: [{ target: 'config/a.yaml', expect: 'parse-error' }] },
  { name: 'billion laughs as JSON-named YAML', files: { 'config/settings.json': billionLaughs(9, 9) }, checks: [{ target: 'config/settings.json', expect: 'parse-error' }] },
  { name: 'billion laughs in package.json', files: { 'package.json': billionLaughs(9, 9) }, checks: [{ target: 'package.json', expect: 'diagnostic' }] },
  { name: 'self-referencing alias', files: { 'config/self.yaml': 'a: &a [*a]\n' }, checks: [{ target: 'config/self.yaml', expect: 'parse-error', reason: /circular/ }] },
  { name: 'self-referencing alias in a map, as compose', files: { 'compose.yaml': 'services: &s\n  web:\n    image: node:20\n    again: *s\n' }, checks: [{ target: 'compose.yaml', expect: 'parse-error', reason: /circular/ }] },
  { name: 'undefined alias', files: { 'config/undef.yaml': 'a: *nope\n' }, checks: [{ target: 'config/undef.yaml', expect: 'parse-error' }] },
  { name: '100,000 nested JSON arrays', files: { 'config/deep.json': nested('[', ']', 100_000) }, checks: [{ target: 'config/deep.json', expect: 'parse-error' }] },
  { name: '30,000 nested JSON objects', files: { 'config/deep-obj.json': nested('{"a":', '}', 30_000, '1') }, checks: [{ target: 'config/deep-obj.json', expect: 'parse-error' }] },
  { name: '5,000 nested JSON objects in package.json', files: { 'package.json': `{"name":"x","config":${nested('{"a":', '}', 5000, '1')}}` }, checks: [{ target: 'package.json', expect: 'diagnostic' }] },
  { name: '30,000 nested flow YAML sequences', files: { 'config/deep.yaml': nested('[', ']', 30_000) }, checks: [{ target: 'config/deep.yaml', expect: 'parse-error' }] },
  { name: '1,000 nested block YAML maps', files: { 'config/deep-block.yaml': deepYamlBlock(1000) }, checks: [{ target: 'config/deep-block.yaml', expect: 'parse-error', reason: /nesting/ }] },
  { name: '1,000 nested block YAML maps as compose', files: { 'compose.yaml': `services:\n  web:\n    image: node:20\n    environment:\n${deepYamlBlock(1000).replace(/^/gm, '      ')}` }, checks: [{ target: 'compose.yaml', expect: 'parse-error' }] },
  { name: 'deeply nested tsconfig', files: { 'tsconfig.json': nested('{"a":', '}', 100_000, '1') }, checks: [{ target: 'tsconfig.json', expect: 'any' }] },
  { name: '10,000 levels of TS arrays', files: { 'src/deep-array.ts': `export const x = ${nested('[', ']', 10_000)};\n` }, checks: [{ target: 'src/deep-array.ts', expect: 'any' }] },
  { name: '10,000 levels of TS parentheses', files: { 'src/deep-parens.ts': `export const x = ${nested('(', ')', 10_000, '1')};\n` }, checks: [{ target: 'src/deep-parens.ts', expect: 'any' }] },
  { name: '10,000 levels of TS arrow functions', files: { 'src/deep-arrows.ts': `export const f = ${nested('() => (', ')', 10_000, '1')};\n` }, checks: [{ target: 'src/deep-arrows.ts', expect: 'any' }] },
  { name: '10,000 levels of TS blocks', files: { 'src/deep-blocks.ts': `export function f() ${nested('{ if (Math.random()) ', '}', 10_000, '{}')}\n` }, checks: [{ target: 'src/deep-blocks.ts', expect: 'any' }] },
  { name: '10,000 levels of TS object literals', files: { 'src/deep-objects.ts': `export const o = ${nested('{ a: ', ' }', 10_000, '"v"')};\n` }, checks: [{ target: 'src/deep-objects.ts', expect: 'any' }] },
  { name: '10,000 levels of TS calls', files: { 'src/deep-calls.ts': `export const c = ${nested('f(', ')', 10_000, '1')};\n` }, checks: [{ target: 'src/deep-calls.ts', expect: 'any' }] },
  { name: '10,000 levels of JSX', files: { 'src/deep.tsx': `export const v = ${nested('<div>', '</div>', 10_000)};\n` }, checks: [{ target: 'src/deep.tsx', expect: 'any' }] },
  { name: '10,000 levels of template literals', files: { 'src/deep-template.ts': `export const t = ${nested('`${', '}`', 10_000, '1')};\n` }, checks: [{ target: 'src/deep-template.ts', expect: 'any' }] },
  { name: '5,000-deep else-if chain', files: { 'src/else-if.ts': `export function f(x: number) { ${Array.from({ length: 5000 }, (_, i) => `if (x === ${i}) return ${i};`).join(' else ')} return -1; }\n` }, checks: [{ target: 'src/else-if.ts', expect: 'any' }] },
  { name: '10,000 prefix operators', files: { 'src/unary.ts': `export const b = ${'!'.repeat(5000)}${'-'.repeat(0)}${'typeof '.repeat(2000)}x;\n` }, checks: [{ target: 'src/unary.ts', expect: 'any' }] },
  { name: '5,000-deep conditional chain', files: { 'src/ternary.ts': `export const t = ${Array.from({ length: 5000 }, (_, i) => `x === ${i} ? ${i} :`).join(' ')} -1;\n` }, checks: [{ target: 'src/ternary.ts', expect: 'any' }] },
  { name: '5,000 curried arrows', files: { 'src/curry.ts': `export const c = ${Array.from({ length: 5000 }, (_, i) => `a${i} =>`).join(' ')} 1;\n` }, checks: [{ target: 'src/curry.ts', expect: 'any' }] },
  { name: 'flow YAML 2,000 deep after a TS stack overflow', files: { 'a/deep.ts': `export const e = ${Array.from({ length: 5000 }, (_, i) => `a${i} =>`).join(' ')} 1;\n`, 'b/deep.yaml': nested('[', ']', 2000), 'c/pkg/package.json': `{"name":"x","c":${nested('{"a":', '}', 3000, '1')}}` }, checks: [{ target: 'b/deep.yaml', expect: 'parse-error', reason: /nesting/ }, { target: 'c/pkg/package.json', expect: 'diagnostic' }] },
  { name: '20,000-term string concatenation', files: { 'src/concat.ts': `export const s = ${Array(20_000).fill('"ab"').join(' + ')};\n` }, checks: [{ target: 'src/concat.ts', expect: 'none' }] },
  { name: '20,000-term process.env concatenation', files: { 'src/env-concat.ts': `export const s = ${Array(20_000).fill('process.env.A').join(' + ')};\n` }, checks: [{ target: 'src/env-concat.ts', expect: 'none' }] },
  { name: '100,000 chained property accesses', files: { 'src/chain.ts': `export const v = a${'.b'.repeat(100_000)};\n` }, checks: [{ target: 'src/chain.ts', expect: 'any' }] },
  { name: '20,000 chained calls', files: { 'src/calls.ts': `export const v = app${'.use(x)'.repeat(20_000)};\n` }, checks: [{ target: 'src/calls.ts', expect: 'any' }] },
  { name: 'shell: 10,000 nested command substitutions in a script', files: { 'scripts/start.sh': `echo ${nested('$(', ')', 10_000, 'x')}\n` }, checks: [{ target: 'scripts/start.sh', expect: 'any' }] },
  { name: 'shell: 20,000 continuation lines', files: { 'scripts/long.sh': `${Array(20_000).fill('echo a && \\').join('\n')}\necho done\n` }, checks: [{ target: 'scripts/long.sh', expect: 'any' }] },
  { name: 'shell: 20,000 trailing pipes', files: { 'scripts/pipes.sh': `${Array(20_000).fill('cat x |').join('\n')}\ncat\n` }, checks: [{ target: 'scripts/pipes.sh', expect: 'any' }] },
  { name: 'shell: unterminated heredoc and quotes', files: { 'scripts/broken.sh': 'cat <<EOF\nnever ends\n"unterminated \'quote\n$(( 1 +\n' }, checks: [{ target: 'scripts/broken.sh', expect: 'any' }] },
  { name: 'Dockerfile: RUN with 5,000 continuations', files: { Dockerfile: `FROM node:20.11.1-alpine@sha256:${'a'.repeat(64)}\nRUN ${Array(5_000).fill('echo a && \\').join('\n')}\n    echo done\nCMD ["node", "server.js"]\n` }, checks: [{ target: 'Dockerfile', expect: 'any' }] },
  { name: 'Dockerfile: 10,000 nested substitutions in RUN and CMD', files: { Dockerfile: `FROM node:20.11.1-alpine@sha256:${'a'.repeat(64)}\nRUN echo ${nested('$(', ')', 10_000, 'x')}\nCMD ${nested('$(', ')', 10_000, 'x')}\n` }, checks: [{ target: 'Dockerfile', expect: 'any' }] },
  { name: 'Dockerfile: 256 KB single line', files: { Dockerfile: `FROM node:20.11.1-alpine@sha256:${'a'.repeat(64)}\nRUN echo ${'x'.repeat(256_000)}\n` }, checks: [{ target: 'Dockerfile', expect: 'none' }] },
  { name: 'Dockerfile: unterminated heredoc and JSON form', files: { Dockerfile: 'FROM node:20\nRUN <<EOF\napt-get install x\nCMD ["node", "server.js"\nENTRYPOINT [\n' }, checks: [{ target: 'Dockerfile', expect: 'any' }] },
  { name: 'Dockerfile: 5,000 stages', files: { Dockerfile: Array.from({ length: 5000 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN echo ${i}`).join('\n') }, checks: [{ target: 'Dockerfile', expect: 'any' }] },
  { name: 'package.json: 5,000 scripts with nested substitutions', files: { 'package.json': JSON.stringify({ name: 'x', scripts: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`s${i}`, `node a.js && $(echo $(echo ${i}))`])) }) }, checks: [{ target: 'package.json', expect: 'none' }] },
  { name: 'docker-bake.hcl: 20,000 open blocks, 5,000 targets, unterminated strings and heredoc', files: { 'docker-bake.hcl': `${'target "x" {'.repeat(20_000)}\n${Array.from({ length: 5_000 }, (_, i) => `target "t${i}" { args = { __proto__ = "p", A = "\${V${i}}" } tags = [format("%s", "\${x}")] }`).join('\n')}\ntarget "u" { context = "unterminated\n  x = <<EOT\nnever ends\n` }, checks: [{ target: 'docker-bake.hcl', expect: 'none' }] },
  { name: 'Procfile: 256 KB line and 10,000 substitutions', files: { Procfile: `web: ${nested('$(', ')', 10_000, 'node')}\nworker: ${'x '.repeat(128_000)}\n` }, checks: [{ target: 'Procfile', expect: 'any' }] },
  { name: '.env: 1 MB value and 50,000 entries', files: { '.env': `BIG=${'q'.repeat(1_000_000)}\n${Array.from({ length: 50_000 }, (_, i) => `K${i}=v${i}`).join('\n')}\n` }, checks: [{ target: '.env', expect: 'none' }] },
  { name: 'k8s: 2,000 documents', files: { 'k8s/many.yaml': Array.from({ length: 2000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v`).join('\n---\n') }, checks: [{ target: 'k8s/many.yaml', expect: 'none' }] },
  { name: 'compose: 2,000 services', files: { 'compose.yaml': `services:\n${Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    build: .\n    command: node s${i}.js`).join('\n')}\n` }, checks: [{ target: 'compose.yaml', expect: 'none' }] },
  { name: 'YAML: custom and binary tags', files: { 'config/tags.yaml': `a: !Ref Foo\nb: !!binary ${Buffer.alloc(30_000, 7).toString('base64')}\nc: !!js/function "function(){}"\nd: !!python/object:os.system ["id"]\n` }, checks: [{ target: 'config/tags.yaml', expect: 'any' }] },
  { name: 'JSON: 100,000-digit number and 1e999999', files: { 'config/numbers.json': `{"a": ${'9'.repeat(100_000)}, "b": 1e999999, "c": -0}` }, checks: [{ target: 'config/numbers.json', expect: 'none' }] },
  { name: 'JSON and YAML: __proto__ and constructor keys', files: { 'package.json': '{"name":"x","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"scripts":{"__proto__":"x"}}', 'compose.yaml': 'services:\n  __proto__:\n    polluted: yes\n    image: node:20\n', 'config/p.yaml': '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n' }, checks: [{ target: 'package.json', expect: 'any' }] },
  { name: 'TS: unterminated everything', files: { 'src/broken.ts': 'const a = `${\nfunction (\n/* never closed\nconst s = "abc\nclass { get' }, checks: [{ target: 'src/broken.ts', expect: 'parse-error' }] },
  { name: 'TS: Trojan Source bidi and zero-width characters', files: { 'src/bidi.ts': 'const isAdmin = false;\n/*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nconst pass\u200bword = "Zr8!kq2Lm9Vx";\nexport { isAdmin };\n' }, checks: [{ target: 'src/bidi.ts', expect: 'any' }] },
  { name: 'TS: U+2028 and lone CR line ends', files: { 'src/seps.ts': 'const a = 1;\u2028const b = 2;\rconst c = "x";\r\rexport { a, b, c };' }, checks: [{ target: 'src/seps.ts', expect: 'none' }] },
  { name: 'TS: shebang and hashbang-like lines', files: { 'bin/cli.js': '#!/usr/bin/env node\n#!again\nconsole.log(1)\n' }, checks: [{ target: 'bin/cli.js', expect: 'any' }] },
  { name: '1,000,000 empty lines', files: { 'src/lines.ts': '\n'.repeat(1_000_000) }, checks: [{ target: 'src/lines.ts', expect: 'none' }] },
];

/** ~5 MB of minified JS on one line, with secret-like and env-like strings on the way. */
function minifiedJs(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = `function f${i}(a,b){return a+b*${i}+"s${i}"+[1,2,3].map(x=>x*2).join(",")};var k${i}={port:process.env.PORT||${3000 + (i % 100)},url:"https://x.invalid/${i}"};`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

describe('resource exhaustion', () => {
  it(`${RESOURCE_CASES.length} alias-bomb, nesting and size cases`, async () => {
    const all: string[] = [];
    for (const c of RESOURCE_CASES) {
      const dir = caseDir(c.name);
      try {
        for (const [rel, content] of Object.entries(c.files)) write(dir, rel, typeof content === 'function' ? content() : content);
        const { problems } = await auditCase(c.name, dir, c.checks, { ...(c.argv ? { argv: c.argv } : {}), boundMs: c.boundMs ?? 30_000 });
        all.push(...problems.map((p) => `${c.name}: ${p}`));
      } finally {
        removeDir(dir);
      }
    }
    // Parsing JSON/YAML must not pollute Object.prototype in the auditing process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(all).toEqual([]);
  }, 600_000);

  it('a 5 MB single-line minified JS file: skipped by default, parsed within bounds when allowed', async () => {
    const dir = caseDir('minified');
    try {
      write(dir, 'public/app.min.js', minifiedJs(5 * 1024 * 1024));
      // The tool's own per-file budget (10 s) is lifted so that a loaded machine cannot turn the parse
      // into a skip; boundMs is what bounds the run.
      const skipped = await auditCase('5 MB minified JS, default maxFileSize', dir, [{ target: 'public/app.min.js', expect: 'file-skipped', reason: /maxFileSize/ }]);
      const parsed = await auditCase('5 MB minified JS, --max-file-size 8 MB', dir, [{ target: 'public/app.min.js', expect: 'none' }], { argv: ['--max-file-size', String(8 * 1024 * 1024), '--file-time-budget', '60000'], boundMs: 90_000 });
      expect([...skipped.problems, ...parsed.problems]).toEqual([]);
    } finally {
      removeDir(dir);
    }
  }, 240_000);

  it(`memory: the built CLI audits a tree of the largest hostile files under a ${HEAP_LIMIT_MB} MB heap`, () => {
    const dir = caseDir('memory');
    try {
      // Just under the default maxFileSize, so that it is read and parsed.
      write(dir, 'public/app.min.js', minifiedJs(2 * 1024 * 1024 - 4096));
      write(dir, 'src/huge.ts', Buffer.alloc(50 * 1024 * 1024, 0x61));
      for (const c of RESOURCE_CASES.filter((x) => /billion|nested JSON|nested flow|TS arrays|TS object/.test(x.name))) {
        for (const [rel, content] of Object.entries(c.files)) write(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}/${rel}`, typeof content === 'function' ? content() : content);
      }
      const started = performance.now();
      const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, path.join(REPO, 'bin', 'twelve-factor-audit.js'), dir, '--format', 'json'], { encoding: 'utf8', timeout: 240_000, maxBuffer: 256 * 1024 * 1024 });
      const ms = performance.now() - started;
      const { problems, report } = soundnessProblems({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms });
      problems.push(...checkTarget(report, { target: 'src/huge.ts', expect: 'file-skipped' }), ...checkTarget(report, { target: 'public/app.min.js', expect: 'none' }));
      expect(record(`memory bound ${HEAP_LIMIT_MB} MB`, problems)).toEqual([]);
    } finally {
      if (!process.env.KEEP_MEMORY_TREE) removeDir(dir);
      else console.log(`kept ${dir}`);
    }
  }, 300_000);

  it('a 50 MB file is skipped without being read', async () => {
    const dir = caseDir('fifty');
    try {
      write(dir, 'src/huge.ts', Buffer.alloc(50 * 1024 * 1024, 0x61));
      write(dir, 'config/huge.json', Buffer.alloc(50 * 1024 * 1024, 0x20));
      const { problems } = await auditCase('50 MB files', dir, [
        { target: 'src/huge.ts', expect: 'file-skipped', reason: /52428800 bytes/ },
        { target: 'config/huge.json', expect: 'file-skipped', reason: /maxFileSize/ },
      ], { boundMs: 20_000 });
      expect(problems).toEqual([]);
    } finally {
      removeDir(dir);
    }
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Encodings.

const ENCODING_CASES: Special[] = [
  { name: 'latin-1 .env', files: { '.env': Buffer.from('GREETING=caf\xe9\nNAME=na\xefve\n', 'latin1') }, checks: [{ target: '.env', expect: 'none' }] },
  { name: 'latin-1 TS string', files: { 'src/l1.ts': Buffer.from('export const s = "caf\xe9";\n', 'latin1') }, checks: [{ target: 'src/l1.ts', expect: 'none' }] },
  { name: 'UTF-16LE package.json with BOM (NUL bytes)', files: { 'package.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name":"x"}', 'utf16le')]) }, checks: [{ target: 'package.json', expect: 'file-skipped', reason: /binary/ }] },
  { name: 'UTF-8 BOM package.json', files: { 'package.json': '\ufeff{"name":"x","private":true}', 'package-lock.json': '{}' }, checks: [{ target: 'package.json', expect: 'none' }] },
  { name: 'UTF-8 BOM compose file', files: { 'compose.yaml': '\ufeffservices:\n  web:\n    build: .\n' }, checks: [{ target: 'compose.yaml', expect: 'none' }] },
  { name: 'UTF-8 BOM .env', files: { '.env': '\ufeffPORT=3000\n' }, checks: [{ target: '.env', expect: 'none' }] },
  { name: 'double BOM', files: { 'config/x.json': '\ufeff\ufeff{"a":1}' }, checks: [{ target: 'config/x.json', expect: 'any' }] },
  { name: 'CRLF compose file', files: { 'compose.yaml': 'services:\r\n  web:\r\n    build: .\r\n    command: node server.js\r\n' }, checks: [{ target: 'compose.yaml', expect: 'none' }] },
  { name: 'CRLF .env with quotes', files: { '.env': 'PORT=3000\r\nNAME="x y"\r\nEMPTY=\r\n' }, checks: [{ target: '.env', expect: 'none' }] },
  { name: 'CRLF shell script with continuations', files: { 'scripts/run.sh': '#!/bin/sh\r\nexec node \\\r\n  server.js\r\n' }, checks: [{ target: 'scripts/run.sh', expect: 'none' }] },
  { name: 'lone CR Dockerfile', files: { Dockerfile: `FROM node:20.11.1-alpine@sha256:${'b'.repeat(64)}\rCMD ["node", "server.js"]\r` }, checks: [{ target: 'Dockerfile', expect: 'any' }] },
  { name: 'overlong UTF-8 and surrogates', files: { 'src/bad.ts': Buffer.concat([Buffer.from('export const s = "'), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]), Buffer.from('";\n')]) }, checks: [{ target: 'src/bad.ts', expect: 'none' }] },
  { name: 'NUL byte after 8 KB', files: { 'src/late-nul.ts': Buffer.concat([Buffer.from(`export const a = 1;\n${'//'.repeat(5000)}\n`), Buffer.from([0]), Buffer.from('\n')]) }, checks: [{ target: 'src/late-nul.ts', expect: 'any' }] },
];

describe('encodings and line ends', () => {
  it(`${ENCODING_CASES.length} encoding cases`, async () => {
    const all: string[] = [];
    for (const c of ENCODING_CASES) {
      const dir = caseDir(c.name);
      try {
        for (const [rel, content] of Object.entries(c.files)) write(dir, rel, typeof content === 'function' ? content() : content);
        const { problems } = await auditCase(c.name, dir, c.checks);
        all.push(...problems.map((p) => `${c.name}: ${p}`));
      } finally {
        removeDir(dir);
      }
    }
    expect(all).toEqual([]);
  }, 300_000);

  it('a BOM or CRLF Dockerfile still reports its unpinned image on the same line', async () => {
    const all: string[] = [];
    for (const [label, text] of [
      ['BOM', '\ufeffFROM node\nCMD ["node", "server.js"]\n'],
      ['CRLF', 'FROM node\r\nCMD ["node", "server.js"]\r\n'],
      ['BOM+CRLF', '\ufeffFROM node\r\nCMD ["node", "server.js"]\r\n'],
    ] as const) {
      const dir = caseDir(label);
      try {
        write(dir, 'Dockerfile', text);
        const { problems, report } = await auditCase(`${label} Dockerfile keeps its finding`, dir, [{ target: 'Dockerfile', expect: 'none' }]);
        all.push(...problems);
        const hit = report?.findings.find((f) => f.ruleId === 'build-release-run/unpinned-image' && f.file === 'Dockerfile');
        // Column 6: the image name after `FROM `, not shifted by the BOM.
        if (!hit || hit.line !== 1 || hit.column !== 6) all.push(`${label}: expected unpinned-image at 1:6, got ${JSON.stringify(hit)}`);
      } finally {
        removeDir(dir);
      }
    }
    expect(all).toEqual([]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// File-system oddities.

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

describe('file-system oddities', () => {
  it('directories named like files are walked, not read', async () => {
    const dir = caseDir('dirs');
    try {
      mkdirSync(path.join(dir, 'Dockerfile'));
      mkdirSync(path.join(dir, 'package.json'));
      mkdirSync(path.join(dir, '.env'));
      mkdirSync(path.join(dir, 'lib.js'));
      write(dir, 'Dockerfile/Dockerfile', 'FROM node\n');
      write(dir, 'lib.js/index.js', 'module.exports = 1;\n');
      const { problems, report } = await auditCase('directories named Dockerfile, package.json, .env, lib.js', dir, [
        { target: 'Dockerfile', expect: 'none' },
        { target: 'package.json', expect: 'none' },
        { target: 'Dockerfile/Dockerfile', expect: 'none' },
      ]);
      expect(problems).toEqual([]);
      // The file inside the directory named Dockerfile is audited.
      expect(report!.findings.some((f) => f.file === 'Dockerfile/Dockerfile' && f.ruleId === 'build-release-run/unpinned-image')).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  it('symbolic links: dangling, loops, out of the root (files and directories), inside the root', async () => {
    const outside = tempDir('outside');
    const dir = caseDir('links');
    try {
      // A secret outside the root that must never be read through a link.
      const token = ['gh', 'p_', 'Zk3Lm9Qx2Vb7Nc4Rt8Yp1Ws6Hd5Jf0', '0y3sM8'].join('');
      writeFileSync(path.join(outside, 'config.ts'), `export const t = "${token}";\n`);
      writeFileSync(path.join(outside, 'Dockerfile'), 'FROM node\n');
      symlinkSync(path.join(outside, 'config.ts'), path.join(dir, 'leak.ts'));
      symlinkSync('/etc/passwd', path.join(dir, '.env'));
      symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
      symlinkSync(outside, path.join(dir, 'linked-dir'));
      symlinkSync('/', path.join(dir, 'rootfs'));
      symlinkSync(path.join(dir, 'missing.ts'), path.join(dir, 'dangling.ts'));
      symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
      symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
      symlinkSync('self.js', path.join(dir, 'self.js'));
      mkdirSync(path.join(dir, 'a'));
      symlinkSync('..', path.join(dir, 'a', 'up'));
      write(dir, 'real/server.ts', 'export const port = Number(process.env.PORT);\n');
      symlinkSync('../real/server.ts', path.join(dir, 'a', 'alias.ts'));
      const { problems, report } = await auditCase('symbolic links', dir, [
        { target: 'leak.ts', expect: 'file-skipped', reason: /outside the scanned root/ },
        { target: '.env', expect: 'file-skipped', reason: /outside the scanned root/ },
        { target: 'zero.json', expect: 'file-skipped', reason: /outside the scanned root/ },
        { target: 'dangling.ts', expect: 'file-skipped', reason: /does not exist/ },
        { target: 'loop-a.yaml', expect: 'file-skipped', reason: /loops/ },
        { target: 'loop-b.yaml', expect: 'file-skipped', reason: /loops/ },
        { target: 'self.js', expect: 'file-skipped', reason: /loops/ },
        { target: 'a/alias.ts', expect: 'none' },
      ]);
      expect(problems).toEqual([]);
      const files = report!.findings.map((f) => f.file);
      expect(files.filter((f) => f.startsWith('linked-dir/') || f.startsWith('rootfs/') || f.startsWith('a/up/'))).toEqual([]);
      expect(JSON.stringify(report)).not.toContain(token);
    } finally {
      removeDir(dir);
      removeDir(outside);
    }
  });

  it(IS_ROOT ? 'unreadable files: chmod 000 does not stop root (tests run as root), so FIFOs, sockets and EACCES-free special files stand in' : 'unreadable files: chmod 000, FIFOs and sockets', async () => {
    const dir = caseDir('unreadable');
    const server = net.createServer();
    try {
      write(dir, 'src/secret.ts', 'export const a = 1;\n');
      chmodSync(path.join(dir, 'src/secret.ts'), 0o000);
      execFileSync('mkfifo', [path.join(dir, 'src/pipe.ts')]);
      execFileSync('mkfifo', [path.join(dir, '.env.local')]);
      await new Promise<void>((resolve) => server.listen(path.join(dir, 'server.js'), resolve));
      const checks: Check[] = [
        { target: 'src/pipe.ts', expect: 'file-skipped', reason: /FIFO/ },
        { target: '.env.local', expect: 'file-skipped', reason: /FIFO/ },
        { target: 'server.js', expect: 'file-skipped', reason: /socket/ },
        // Root reads a mode-000 file anyway; anyone else gets a diagnostic.
        IS_ROOT ? { target: 'src/secret.ts', expect: 'none' } : { target: 'src/secret.ts', expect: 'file-skipped', reason: /EACCES/ },
      ];
      const { problems } = await auditCase('unreadable and special files', dir, checks);
      expect(problems).toEqual([]);
    } finally {
      server.close();
      try {
        chmodSync(path.join(dir, 'src/secret.ts'), 0o644);
      } catch {
        // already gone
      }
      removeDir(dir);
    }
  });

  it('hostile .gitignore files: FIFO, directory, link to /dev/zero, random bytes, 10,000 patterns', async () => {
    const all: string[] = [];
    const rand = seededRandom(SEED + 2);
    const variants: Array<[string, (dir: string) => void]> = [
      ['FIFO', (d) => execFileSync('mkfifo', [path.join(d, 'sub', '.gitignore')])],
      ['directory', (d) => mkdirSync(path.join(d, 'sub', '.gitignore'))],
      ['link to /dev/zero', (d) => symlinkSync('/dev/zero', path.join(d, 'sub', '.gitignore'))],
      ['random bytes', (d) => writeFileSync(path.join(d, 'sub', '.gitignore'), randomBytes(rand, 4096))],
      ['random bytes at the root', (d) => writeFileSync(path.join(d, '.gitignore'), randomBytes(rand, 4096, { noNul: true }))],
      ['10,000 patterns', (d) => writeFileSync(path.join(d, 'sub', '.gitignore'), Array.from({ length: 10_000 }, (_, i) => `**/p${i}/**/*.{a,b,c}`).join('\n'))],
      ['pathological globs', (d) => writeFileSync(path.join(d, 'sub', '.gitignore'), `${'*'.repeat(5000)}a\n${'**/'.repeat(2000)}x\n${'{a,'.repeat(500)}${'}'.repeat(500)}\n[[[[[[\n!!!!\n\\\n`)],
    ];
    for (const [label, make] of variants) {
      const dir = caseDir(`gitignore ${label}`);
      try {
        write(dir, 'sub/index.ts', 'export const x = 1;\n');
        make(dir);
        const { problems } = await auditCase(`.gitignore: ${label}`, dir, [], { boundMs: 30_000 });
        all.push(...problems.map((p) => `${label}: ${p}`));
      } finally {
        removeDir(dir);
      }
    }
    expect(all).toEqual([]);
  }, 300_000);

  it('a tree whose only files cannot be read or parsed reports them instead of exiting 2', async () => {
    const dir = tempDir('only-broken');
    try {
      write(dir, 'package.json', '{"name": ');
      write(dir, 'config/app.json', Buffer.from([0, 1, 2, 3]));
      const result = await runCli([dir, '--format', 'json']);
      const { problems, report } = soundnessProblems(result);
      const own = [
        ...problems,
        ...checkTarget(report, { target: 'package.json', expect: 'parse-error' }),
        ...checkTarget(report, { target: 'config/app.json', expect: 'file-skipped' }),
      ];
      expect(record('only unreadable files', own)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });

  it('path names: spaces, non-ASCII, emoji, quotes, newlines, escape sequences, leading dashes', async () => {
    const names = [
      'my app/src/index.ts',
      'café/Dockerfile',
      '日本語/サービス.ts',
      'emoji 🚀/.env',
      'quote"s/it\'s.js',
      'new\nline.ts',
      'esc\u001b[31mred.ts',
      '-rf/--help.ts',
      ' leading space/Procfile',
      'trailing space /x.yaml',
      'back\\slash.ts',
      'percent%s%n.ts',
      'tab\tname.js',
    ];
    const dir = caseDir('names');
    const all: string[] = [];
    try {
      for (const n of names) write(dir, n, n.endsWith('Dockerfile') ? 'FROM node\n' : n.endsWith('.yaml') ? 'a: 1\n' : n.endsWith('.env') ? 'PORT=1\n' : n.endsWith('Procfile') ? 'web: node x.js\n' : 'export const dbPassword = "Zk3!9fLm2Pq8xR";\n');
      const { problems, report } = await auditCase('odd path names (JSON)', dir, []);
      all.push(...problems);
      const scanned = report?.summary.filesScanned ?? 0;
      // Procfile anchor + every name.
      if (scanned !== names.length + 1) all.push(`scanned ${scanned} files, expected ${names.length + 1}`);
      if (!report?.findings.some((f) => f.file === 'café/Dockerfile')) all.push('no finding reported for café/Dockerfile');
      for (const n of names.filter((x) => /\.[jt]s$/.test(x))) if (!report?.findings.some((f) => f.file === n)) all.push(`no finding reported for ${JSON.stringify(n)}`);
      // Human output must not let a file name drive the terminal (escape sequences) or forge lines.
      const human = await runCli([dir, '--format', 'stylish']);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(human.stdout)) all.push(`stylish output carries raw control characters: ${JSON.stringify(human.stdout.slice(0, 300))}`);
      // Every other format: raw C0 controls (other than tab and line ends) are escaped or refused.
      for (const format of (await cliFormats()).filter((f) => f !== 'stylish')) {
        const r = await runCli([dir, '--format', format]);
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(r.stdout)) all.push(`--format ${format} output carries raw control characters`);
      }
      record('odd path names (stylish and every format)', all.length > 0 ? [...all] : []);
      expect(all).toEqual([]);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});

// Every case above must have been counted: a suite that tried nothing would pass silently.
describe('hostile case count', () => {
  it('tried at least 100 cases', () => {
    expect(tally.passed + tally.failed).toBeGreaterThanOrEqual(100);
  });
});
