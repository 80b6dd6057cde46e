// Every regular expression the engine and the rules use is fed long runs of the characters it
// repeats and must return within a small bound: scanned files are hostile input, and one
// backtracking pattern (`\s+$` over 20,000 spaces, `(a|a)*b`) is enough to hang a CI job.
//
// Patterns are collected programmatically: the detector's exported patterns, and every regex
// literal in src/ and rules/ (found with the TypeScript parser, so new rules are covered without
// editing this file). Regular expressions built at run time (`new RegExp`) are listed and must be
// known here with the reason they are safe.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { AUTH_HEADER_VALUE, KNOWN_FORMATS, TEXT_FORMATS, URL_PASSWORD } from '../../src/secrets/detect.js';
import { isTsconfigExcluded, matchesWorkspaceGlob, pathGlobMatches, scriptNameMatches } from '../../src/util/glob/index.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const RUN = 10_000;
/** A linear scan of 10,000 characters takes well under a millisecond; quadratic takes seconds. */
const BOUND_MS = 40;

/** Patterns that backtrack on long runs but only ever see short input: `file /pattern/` -> the guard. */
const GUARDED: Record<string, string> = {
  'src/reporters/sources.ts /=+$/': 'applied to tokens of one source line, cut to MAX_LINE (400) characters first',
  'rules/build-release-run/mutable-release-source.ts /^([0-9a-f]{7,40}|v?\\d+(\\.\\d+)*([-+.][0-9A-Za-z.-]+)?)$/': 'only tested on refs of at most 128 characters',
  'rules/backing-services/_service-url.ts /[),;]+$/': 'applied to a URL match of at most 1,050 characters',
};

/** `new RegExp(...)` sites, by file, with why each is safe. */
const DYNAMIC_REGEXPS: Record<string, string> = {
  'src/secrets/detect.ts': 'TEXT_FORMATS: the KNOWN_FORMATS patterns with `\\b` at either end made a lookaround; exported and timed below',
  'src/knowledge/migration-tools.ts': 'MIGRATION_COMMAND: the alternation of the MIGRATION_CLIS regex literals (each timed as a literal), each starting at a word boundary',
  'src/secrets/keyword-index.ts': 'KeywordIndex: an alternation of escaped literals (no quantifier, no group) from rules\' textHints and the formats\' keywords, never from the scanned tree; at most one literal match per start position',
};

interface Pattern {
  where: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === '__fixtures__' || e.name === 'node_modules') continue;
      out.push(...sourceFiles(abs));
    } else if (/\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(abs);
  }
  return out.sort();
}

function collect(): { patterns: Pattern[]; dynamic: string[] } {
  const patterns: Pattern[] = [];
  const dynamic: string[] = [];
  for (const f of KNOWN_FORMATS) patterns.push({ where: `KNOWN_FORMATS ${f.id}`, regex: f.pattern });
  for (const f of TEXT_FORMATS) patterns.push({ where: `TEXT_FORMATS ${f.id}`, regex: f.pattern });
  patterns.push({ where: 'URL_PASSWORD', regex: URL_PASSWORD }, { where: 'AUTH_HEADER_VALUE', regex: AUTH_HEADER_VALUE });
  for (const file of [...sourceFiles(path.join(REPO, 'src')), ...sourceFiles(path.join(REPO, 'rules'))]) {
    const rel = path.relative(REPO, file);
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        patterns.push({ where: `${rel}:${line + 1} ${literal}`, regex: new RegExp(literal.slice(1, end), literal.slice(end + 1)) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        dynamic.push(`${rel}:${line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { patterns, dynamic };
}

/** Characters worth repeating for this pattern: its own literal characters and common classes. */
function alphabet(regex: RegExp): string[] {
  const chars = new Set('aZ0 \t\n-_./:@=$"\'`{}[]()\\#*+?!,;&|<>%~^'.split(''));
  for (const ch of regex.source.replace(/\\[dDwWsSbBnrtfv]/g, '')) if (ch.charCodeAt(0) < 128) chars.add(ch);
  return [...chars];
}

/** The literal characters a pattern starts with (`ghp_`, `https://hooks.`), to get past them. */
function literalPrefix(regex: RegExp): string {
  const m = /^(?:\\b|\^)?((?:[A-Za-z0-9_ :=-]|\\[./:-])*)/.exec(regex.source);
  return (m?.[1] ?? '').replace(/\\(.)/g, '$1');
}

function timeRun(regex: RegExp, input: string): number {
  const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
  const started = performance.now();
  let count = 0;
  for (const _ of input.matchAll(global)) if (++count > RUN * 2) break;
  return performance.now() - started;
}

function inputs(regex: RegExp, n: number): string[] {
  const prefix = literalPrefix(regex);
  const out: string[] = [];
  for (const ch of alphabet(regex)) {
    const run = ch.repeat(n);
    out.push(run, `${run}\u0001`, `${prefix}${run}\u0001`, `${prefix}${ch.repeat(n / 2)}${prefix}${ch.repeat(n / 2)}\u0001`);
  }
  // Alternating pairs for patterns like `(ab)*` and `[a-z]+\.[a-z]+`.
  for (const pair of ['a.', 'a-', 'a ', '0.', 'a/', 'a:', 'a=', '$(', '${', '\\\n', 'a\n', '&&', '||', '/*']) out.push(`${prefix}${pair.repeat(n / 2)}\u0001`);
  return out;
}

describe('regular expressions are linear-time or guarded', () => {
  const { patterns, dynamic } = collect();

  it('collects the patterns of the detector, the engine and every rule', () => {
    expect(patterns.length).toBeGreaterThan(100);
    console.log(`regex safety: ${patterns.length} patterns checked`);
  });

  it('every regular expression built at run time is known and guarded', () => {
    expect(dynamic.filter((d) => !DYNAMIC_REGEXPS[d.replace(/:\d+$/, '')])).toEqual([]);
  });

  it(`each pattern returns within ${BOUND_MS} ms on ${RUN}-character pathological runs`, () => {
    const slow: string[] = [];
    for (const p of patterns) {
      if (GUARDED[p.where.replace(/:\d+ /, ' ')]) continue;
      for (const input of inputs(p.regex, RUN)) {
        let ms = timeRun(p.regex, input);
        // Up to three retries, the least time kept: a busy machine can stall a measurement (GC, another
        // process), but a super-linear pattern is slow every time.
        for (let retry = 0; retry < 3 && ms > BOUND_MS; retry++) ms = Math.min(ms, timeRun(p.regex, input));
        if (ms > BOUND_MS) {
          slow.push(`${p.where}: ${Math.round(ms)} ms on ${JSON.stringify(input.slice(0, 24))}… (${input.length} chars)`);
          break;
        }
      }
    }
    expect(slow).toEqual([]);
  }, 300_000);
});

describe('glob matching of workspace globs from scanned files', () => {
  it('matches like a glob', () => {
    expect(matchesWorkspaceGlob('packages/api', 'packages/*')).toBe(true);
    expect(matchesWorkspaceGlob('packages/api/sub', 'packages/*')).toBe(false);
    expect(matchesWorkspaceGlob('apps/web/client', 'apps/**')).toBe(true);
    expect(matchesWorkspaceGlob('services/api', 'services/api')).toBe(true);
    expect(matchesWorkspaceGlob('services/apix', 'services/api')).toBe(false);
    expect(matchesWorkspaceGlob('libs/a1', 'libs/a?')).toBe(true);
    expect(matchesWorkspaceGlob('libs/a/1', 'libs/a?1')).toBe(false);
    expect(matchesWorkspaceGlob('x/y/z/pkg', '**/pkg')).toBe(true);
  });

  it('config path globs and script wildcards match like the regular expressions they replace', () => {
    expect(pathGlobMatches('k8s/dev/app.yaml', 'k8s/dev/**')).toBe(true);
    expect(pathGlobMatches('x.yaml', '**/x.yaml')).toBe(true);
    expect(pathGlobMatches('a/b/x.yaml', '**/x.yaml')).toBe(true);
    expect(pathGlobMatches('a/b/x.yaml', '*/x.yaml')).toBe(false);
    expect(pathGlobMatches('compose.dev.yml', 'compose.*.yml')).toBe(true);
    expect(pathGlobMatches('compose.dev.yml', 'compose.???.yml')).toBe(true);
    expect(scriptNameMatches('build:web', 'build:*', ':')).toBe(true);
    expect(scriptNameMatches('build:web:prod', 'build:*', ':')).toBe(false);
    expect(scriptNameMatches('lint', 'l?nt', ':')).toBe(false);
  });

  it('tsconfig exclude patterns: from the config folder, a matched folder covers its contents', () => {
    expect(isTsconfigExcluded('data/static/codefixes/fix_1.ts', ['node_modules', 'data/static/codefixes/**'])).toBe(true);
    expect(isTsconfigExcluded('scripts/seed.ts', ['./scripts/'])).toBe(true);
    expect(isTsconfigExcluded('scripts-extra/seed.ts', ['scripts'])).toBe(false);
    expect(isTsconfigExcluded('src/a/b.test.ts', ['**/*.test.ts'])).toBe(true);
    expect(isTsconfigExcluded('src/fixtures/x/y.ts', ['src/*/y.ts', 'src/*'])).toBe(true);
    expect(isTsconfigExcluded('lib/x.ts', ['src', '../lib', '.'])).toBe(false);
  });

  it('stays fast on globs that make a regular expression backtrack exponentially', () => {
    const path = `${'a/'.repeat(200)}b`;
    const started = performance.now();
    expect(matchesWorkspaceGlob(path, `${'**/'.repeat(60)}c`)).toBe(false);
    expect(matchesWorkspaceGlob('a'.repeat(5000), `${'*a'.repeat(200)}*b`)).toBe(false);
    expect(pathGlobMatches(path, `${'**'.repeat(100)}c`)).toBe(false);
    expect(scriptNameMatches('a'.repeat(5000), `${'*a'.repeat(200)}*b`, ':')).toBe(false);
    expect(isTsconfigExcluded(path, Array.from({ length: 100 }, () => `${'**/'.repeat(60)}c`))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
