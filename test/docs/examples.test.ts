// Every rule page's examples are executed: each example under "## Incorrect" must produce at least
// one finding of the page's rule, and each one under "## Correct" none (ESLint checks its rule
// examples, Biome runs its doc comments). The convention the pages follow is in docs/rules/README.md:
//
//   ```ts title="src/server.ts"            a fenced block is a file; `title` is its path in the tree
//   ```yaml title="compose.yaml" example="stack"
//                                           blocks of one section with the same `example` are the
//                                           files of one example (cross-file rules need several)
//   ```sh norun                             shown, not executed (a shell session, a git command)
//   ```ini title=".env" git                 the example's tree is a git repository with every file
//                                           `git add`-ed (not committed), for rules that read git
//
// Without `title` the language names the file (ts: src/server.ts, dockerfile: Dockerfile,
// json: package.json, prisma: prisma/schema.prisma; yaml: compose.yaml when it has `services:`,
// k8s/app.yaml when it has `apiVersion:`). Each example runs alone in its own temporary tree with
// the rule alone, at its default severity and options.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { audit } from '../../src/engine/audit.js';
import type { RuleDefinition } from '../../src/rule-api/types.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

/**
 * Rules whose finding depends on the repository's git state (no history, no tags), which a tree of
 * files cannot show: their pages say so with `norun` blocks, and these are the only pages allowed
 * to have no executed incorrect example.
 */
const NOT_FILE_EXAMPLES: Record<string, string> = {
  'codebase/not-version-controlled': 'the finding is the absence of a git repository',
  'codebase/no-release-tags': 'the finding is about the tags of a git history',
};

export interface DocBlock {
  lang: string;
  file: string | undefined;
  example: string | undefined;
  run: boolean;
  git: boolean;
  text: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

export interface DocExample {
  section: 'Incorrect' | 'Correct';
  files: Array<{ path: string; text: string }>;
  /** The tree is a git work tree with its files added to the index. */
  git: boolean;
  /** Where the example starts in the page, for failure messages. */
  line: number;
}

/** `ts title="src/a.ts" example="x" norun` → its parts. */
function parseInfo(info: string): { lang: string; attrs: Record<string, string>; flags: Set<string> } {
  const lang = info.split(/\s/, 1)[0] ?? '';
  const attrs: Record<string, string> = {};
  for (const m of info.matchAll(/(\w+)="([^"]*)"/g)) attrs[m[1]!] = m[2]!;
  const flags = new Set(info.replace(/\w+="[^"]*"/g, '').split(/\s+/).slice(1).filter(Boolean));
  return { lang, attrs, flags };
}

/** The fenced blocks of each `## ` section of a page. */
export function blocksBySection(markdown: string): Map<string, DocBlock[]> {
  const out = new Map<string, DocBlock[]>();
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      continue;
    }
    if (!line.startsWith('```')) continue;
    const { lang, attrs, flags } = parseInfo(line.slice(3).trim());
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith('```')) body.push(lines[j++]!);
    const list = out.get(section) ?? [];
    list.push({ lang, file: attrs.title, example: attrs.example, run: !flags.has('norun'), git: flags.has('git'), text: body.join('\n') + '\n', line: i + 1 });
    out.set(section, list);
    i = j;
  }
  return out;
}

function defaultFile(block: DocBlock): string | undefined {
  switch (block.lang) {
    case 'ts':
      return 'src/server.ts';
    case 'js':
      return 'src/server.js';
    case 'dockerfile':
      return 'Dockerfile';
    case 'json':
      return 'package.json';
    case 'prisma':
      return 'prisma/schema.prisma';
    case 'yaml':
      if (/^services:/m.test(block.text)) return 'compose.yaml';
      if (/^apiVersion:/m.test(block.text)) return 'k8s/app.yaml';
      return undefined;
    default:
      return undefined;
  }
}

/** The runnable examples of a page: one per block, or one per `example` name. */
export function examplesOf(markdown: string): { examples: DocExample[]; problems: string[] } {
  const examples: DocExample[] = [];
  const problems: string[] = [];
  for (const [section, blocks] of blocksBySection(markdown)) {
    if (section !== 'Incorrect' && section !== 'Correct') continue;
    const grouped = new Map<string, DocExample>();
    for (const block of blocks) {
      if (!block.run) continue;
      const file = block.file ?? defaultFile(block);
      if (!file) {
        problems.push(`line ${block.line}: a \`${block.lang || 'plain'}\` block needs title="<path>" (or norun)`);
        continue;
      }
      const key = block.example ?? `#${block.line}`;
      let example = grouped.get(key);
      if (!example) {
        example = { section, files: [], git: false, line: block.line };
        grouped.set(key, example);
        examples.push(example);
      }
      if (example.files.some((f) => f.path === file)) problems.push(`line ${block.line}: ${file} twice in one example (give the blocks an example="..." each)`);
      example.files.push({ path: file, text: block.text });
      if (block.git) example.git = true;
    }
  }
  return { examples, problems };
}

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true, maxRetries: 3 })));

async function findingsOf(rule: RuleDefinition, example: DocExample): Promise<string[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-docs-'));
  made.push(root);
  for (const f of example.files) {
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.text);
  }
  if (example.git) {
    // Our own temporary tree, with no config of its own: git with no system or global config.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: root };
    execFileSync('git', ['init', '-q'], { cwd: root, env });
    execFileSync('git', ['add', '-A'], { cwd: root, env });
  }
  const result = await audit({ root, rules: [rule] });
  return result.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.file}:${f.line} ${f.message}`);
}

describe('docs/rules examples', () => {
  for (const rule of rules) {
    const page = readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
    const { examples, problems } = examplesOf(page);
    // test/registry.test.ts checks that every rule has a page and every page a rule.
    describe(rule.id, () => {
      it('has runnable examples', () => {
        expect(problems).toEqual([]);
        if (!(rule.id in NOT_FILE_EXAMPLES)) {
          expect(examples.filter((e) => e.section === 'Incorrect').length, 'executed incorrect examples').toBeGreaterThan(0);
          expect(examples.filter((e) => e.section === 'Correct').length, 'executed correct examples').toBeGreaterThan(0);
        }
      });
      for (const example of examples) {
        const where = `${example.section} example at line ${example.line} (${example.files.map((f) => f.path).join(', ')})`;
        it(where, async () => {
          const found = await findingsOf(rule, example);
          if (example.section === 'Incorrect') expect(found.length, `${where} must produce a ${rule.id} finding`).toBeGreaterThan(0);
          else expect(found, `${where} must produce no ${rule.id} finding`).toEqual([]);
        });
      }
    });
  }
});
