// The per-file phase: parse one file once, walk it once with every rule's visitors, and return its
// findings and facts as plain JSON. Nothing here touches other files, so this can run in a worker.

import { withoutQuotedSource } from '../util/safe-text.js';
import type { FileFacts, FileKind } from '../parsing/facts.js';
import type { CandidateKind } from '../discovery/classify.js';
import type { FileContext, Finding, PerFileVisitors, ReportDescriptor, TsFileContext } from '../rule-api/types.js';
import { mayVisit, type ActiveRule } from './rule-set.js';
import { parseDockerfile } from '../parsing/dockerfile.js';
import { extractComposeServices, isComposeDoc, leadingComment, looksLikeComposeName } from '../parsing/compose.js';
import { extractK8sObjects, isK8sDoc } from '../parsing/k8s.js';
import { parsePackageJson } from '../parsing/package-json.js';
import { parseEnvFile } from '../parsing/env-file.js';
import { parseProcfile } from '../parsing/procfile.js';
import { parseTsconfig, stripJsonComments } from '../parsing/tsconfig.js';
import { parseNpmrc } from '../parsing/npmrc.js';
import { parseShellScript } from '../parsing/shell.js';
import { parsePrismaSchema } from '../parsing/prisma.js';
import { parseStructured, StructuredParseError } from '../parsing/structured.js';
import { parseLockfile } from '../parsing/lockfile.js';
import { findingFromDescriptor, ruleCrash } from './findings.js';
import { diagnostics } from './diagnostics.js';
import { analyzeTsFile } from './ts-walk.js';
import { Budget } from './budget.js';
import { currentPerFileTimings } from './timing.js';
import { scanDirectives, type Directive } from './suppressions.js';

export interface FileInput {
  path: string;
  kind: CandidateKind;
  text: string;
  isTest: boolean;
  /** Per-file time budget in ms (fileTimeBudget); 0 or absent: none. */
  budgetMs?: number;
}

export interface FileResult {
  path: string;
  kind: FileKind | null;
  facts: FileFacts | null;
  findings: Finding[];
  /** Inline suppression directives (applied after the project phase); absent when there are none. */
  directives?: Directive[];
  /** The analysis stopped on the time budget: the result is not cached. */
  incomplete?: true;
}

const LOCK_TYPES: Record<string, 'npm' | 'yarn' | 'pnpm' | 'bun'> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
};

export function analyzeFile(input: FileInput, rules: ActiveRule[]): FileResult {
  const result = analyzeFileContent(input, rules);
  if (result.incomplete) return result;
  const directives = scanDirectives(input.text, input.kind);
  if (directives.length > 0) result.directives = directives;
  return result;
}

function analyzeFileContent(input: FileInput, rules: ActiveRule[]): FileResult {
  const budget = new Budget(input.budgetMs);
  const findings: Finding[] = [];
  const base = input.path.slice(input.path.lastIndexOf('/') + 1);
  let facts: FileFacts | "ts" | null;
  try {
    facts = parseFacts(input, base);
  } catch (err) {
    const e = err as Error & { line?: number; column?: number };
    findings.push(diagnostics.parseError(input.path, describeKind(input.kind), withoutQuotedSource(e.message), e.line ?? 1, e.column ?? 1));
    return { path: input.path, kind: null, facts: null, findings };
  }
  if (facts === 'ts') return analyzeTsFile(input, rules, budget);
  if (facts === null) return { path: input.path, kind: null, facts: null, findings };
  if (budget.exceeded) return budget.skip(input.path);

  const visitorNames = VISITORS_BY_KIND[facts.kind];
  for (const active of rules) {
    if (!mayVisit(active, ...visitorNames)) continue;
    if (budget.exceeded) return budget.skip(input.path);
    const ctx = makeContext(input, facts.kind, active, findings);
    let visitors: PerFileVisitors;
    const timings = currentPerFileTimings();
    const t0 = timings ? performance.now() : 0;
    try {
      visitors = active.rule.create!(active.options);
      switch (facts.kind) {
        case 'dockerfile':
          visitors.dockerfile?.(facts, ctx);
          break;
        case 'compose':
          visitors.compose?.(facts, ctx);
          visitors.structured?.({ kind: 'structured', format: 'yaml', docs: facts.docs }, ctx);
          break;
        case 'k8s':
          visitors.k8s?.(facts, ctx);
          visitors.structured?.({ kind: 'structured', format: 'yaml', docs: facts.docs }, ctx);
          break;
        case 'package-json':
          visitors.packageJson?.(facts, ctx);
          break;
        case 'env':
          visitors.env?.(facts, ctx);
          break;
        case 'procfile':
          visitors.procfile?.(facts, ctx);
          break;
        case 'structured':
          visitors.structured?.(facts, ctx);
          break;
        case 'prisma':
          visitors.prisma?.(facts, ctx);
          break;
        default:
          break;
      }
    } catch (err) {
      findings.push(ruleCrash(active, input.path, err));
    }
    if (timings) timings.add(`file-rule:${active.rule.id}`, performance.now() - t0);
  }
  return { path: input.path, kind: facts.kind, facts, findings };
}

/** The PerFileVisitors entries that analyzeFile calls for each kind of facts. */
const VISITORS_BY_KIND: Record<FileKind, string[]> = {
  ts: ['ts'],
  dockerfile: ['dockerfile'],
  compose: ['compose', 'structured'],
  k8s: ['k8s', 'structured'],
  'package-json': ['packageJson'],
  env: ['env'],
  procfile: ['procfile'],
  structured: ['structured'],
  prisma: ['prisma'],
  'helm-template': [],
  lockfile: [],
  tsconfig: [],
  shell: [],
  dockerignore: [],
  npmrc: [],
};

export function parseFacts(input: FileInput, base: string): FileFacts | 'ts' | null {
  const { text } = input;
  switch (input.kind) {
    case 'ts':
      return 'ts';
    case 'dockerfile':
      return parseDockerfile(text);
    case 'package-json':
      return parsePackageJson(text);
    case 'lockfile':
      return parseLockfile(text, LOCK_TYPES[base.toLowerCase()] ?? 'npm');
    case 'dockerignore':
      return { kind: 'dockerignore', patterns: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) };
    case 'tsconfig':
      return parseTsconfig(text);
    case 'npmrc':
      return parseNpmrc(text);
    case 'env':
      return parseEnvFile(text, base);
    case 'procfile':
      return parseProcfile(text);
    case 'shell':
      return { kind: 'shell', commands: parseShellScript(text) };
    case 'prisma':
      return parsePrismaSchema(text);
    case 'yaml':
    case 'json': {
      // Helm chart templates are Go templates that render to YAML; they are not YAML themselves.
      if (input.kind === 'yaml' && /(^|\/)templates\//.test(input.path) && text.includes('{{')) return { kind: 'helm-template' };
      // JSON files are often JSONC (tsconfig-style, .vscode, devcontainer.json): comments and
      // trailing commas are blanked out in place, so positions stay right.
      const docs = parseStructured(input.kind === 'json' ? stripJsonComments(text) : text);
      if (input.kind === 'yaml' && docs.length > 0 && (looksLikeComposeName(input.path) || docs.every(isComposeDoc)) && docs.some(isComposeDoc)) {
        const header = leadingComment(text);
        return { kind: 'compose', docs, services: extractComposeServices(docs), ...(header ? { leadingComment: header } : {}) };
      }
      if (input.kind === 'yaml' && docs.some(isK8sDoc)) return { kind: 'k8s', docs, objects: extractK8sObjects(docs) };
      return { kind: 'structured', format: input.kind, docs };
    }
    default:
      return null;
  }
}

export function makeContext(input: FileInput, kind: FileKind, active: ActiveRule, sink: Finding[]): FileContext {
  return {
    path: input.path,
    kind,
    text: input.text,
    isTest: input.isTest,
    options: active.options,
    report(descriptor: ReportDescriptor) {
      sink.push(findingFromDescriptor(active, input.path, descriptor));
    },
  };
}

function describeKind(kind: CandidateKind): string {
  return (
    {
      ts: 'TS/JS source',
      dockerfile: 'Dockerfile',
      'package-json': 'package.json',
      lockfile: 'lockfile',
      tsconfig: 'tsconfig',
      env: '.env file',
      procfile: 'Procfile',
      shell: 'shell script',
      prisma: 'Prisma schema',
      yaml: 'YAML',
      json: 'JSON',
      dockerignore: '.dockerignore',
      npmrc: '.npmrc',
    } as const
  )[kind];
}

export type { TsFileContext };
export { StructuredParseError };
