// Finds and reads the config file: from the scanned root upward, stopping at the root of the git
// work tree (or of the file system). Data only, never JavaScript: auditing an untrusted repository
// must never run its code. Every problem becomes one WorkflowError line that names the file, the
// line, the key path, what was found and what is allowed.

import { statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** ajv (about 75 files) is loaded only when there is a config file or rule options to check. */
const loadAjv = () => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv;
import type { RuleDefinition } from '../rule-api/types.js';
import type { StructuredDoc } from '../parsing/facts.js';
import { parseStructured, positionOf, StructuredParseError, valuePositionOf } from '../parsing/structured.js';
import { closestId, WorkflowError } from '../util/errors.js';
import { configSchema, SEVERITY_VALUES } from './schema.js';
import { readGuardedText } from '../util/guarded-read.js';
import { workTreeTop } from '../util/git-data.js';
import { redactQuotedValue, redactSecrets, withoutQuotedSource } from '../util/safe-text.js';

/** Config files are a few kilobytes; a larger one is refused unread. */
const MAX_CONFIG_SIZE = 1024 * 1024;

export const CONFIG_FILE_NAMES = ['.twelve-factor.yml', '.twelve-factor.yaml', '.twelve-factor.json', 'twelve-factor.config.json'] as const;
export const PACKAGE_JSON_KEY = 'twelveFactor';

export type RuleEntry = (typeof SEVERITY_VALUES)[number] | [(typeof SEVERITY_VALUES)[number], Record<string, unknown>?];

export interface ConfigData {
  extends?: 'recommended' | 'strict';
  rules?: Record<string, RuleEntry>;
  ignore?: string[];
  overrides?: Array<{ files: string | string[]; rules: Record<string, (typeof SEVERITY_VALUES)[number]> }>;
  environments?: { development?: string[]; test?: string[]; production?: string[] };
  entrypoints?: string[];
  plugins?: string[];
}

export interface LoadedConfig {
  /** Absolute path of the file the config came from. */
  file: string;
  /** Folder of that file: globs in the config are relative to it. */
  dir: string;
  data: ConfigData;
}

/** The config file that governs `root`, or null. Throws WorkflowError when a folder holds two. */
export function findConfigFile(root: string): { file: string; inPackageJson: boolean } | null {
  const top = workTreeTop(root);
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const found: Array<{ file: string; inPackageJson: boolean }> = [];
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (isFile(file)) found.push({ file, inPackageJson: false });
    }
    const pkg = path.join(dir, 'package.json');
    if (isFile(pkg) && packageJsonHasKey(pkg)) found.push({ file: pkg, inPackageJson: true });
    if (found.length > 1) {
      const names = found.map((f) => (f.inPackageJson ? `package.json "${PACKAGE_JSON_KEY}"` : path.basename(f.file)));
      throw new WorkflowError(`${dir}: more than one config (${names.join(', ')}); keep one of them`);
    }
    if (found[0]) return found[0];
    // The work tree root is the last folder searched: a config above it belongs to something else.
    if (dir === top) return null;
    if (path.dirname(dir) === dir) return null;
  }
}

interface ConfigDoc {
  found: { file: string; inPackageJson: boolean };
  display: string;
  doc: StructuredDoc;
  /** JSON pointer prefix of the config inside the document ('' or '/twelveFactor'). */
  base: string;
}

/** Finds, reads and parses the config (not yet validated); null when there is none. */
function readConfigDoc(root: string, options: { cwd: string; explicitFile?: string }): ConfigDoc | null {
  const found = options.explicitFile
    ? { file: path.resolve(options.cwd, options.explicitFile), inPackageJson: path.basename(options.explicitFile) === 'package.json' }
    : findConfigFile(root);
  if (!found) return null;
  const display = displayPath(found.file, options.cwd);
  if (options.explicitFile && !isFile(found.file)) throw new WorkflowError(`${display}: config file not found`);
  if (!found.inPackageJson && /\.(c|m)?js$|\.ts$/.test(found.file)) {
    throw new WorkflowError(`${display}: JavaScript config files are not supported (a config must be data); use .twelve-factor.yml or .twelve-factor.json`);
  }
  // A config found in the tree is read only inside its work tree (a link to /etc/passwd is refused
  // unread, and nothing of it is quoted); one named on the command line is the user's choice.
  const text = readGuardedText(found.file, { maxSize: MAX_CONFIG_SIZE, ...(options.explicitFile ? {} : { boundary: trustBoundary(path.dirname(found.file)) }) });
  if (typeof text !== 'string') throw new WorkflowError(`${display}: cannot read the config file: ${text.reason}`);
  let docs: StructuredDoc[];
  try {
    docs = parseStructured(text);
  } catch (err) {
    const e = err as StructuredParseError;
    throw new WorkflowError(`${display}:${e.line ?? 1}:${e.column ?? 1}: cannot parse the config file: ${withoutQuotedSource(e.message)}`);
  }
  if (docs.length > 1) throw new WorkflowError(`${display}:${docs[1]!.line}:1: the config file holds more than one YAML document; keep one`);
  let doc: StructuredDoc = docs[0] ?? { value: {}, positions: {}, line: 1 };
  let base = '';
  if (found.inPackageJson) {
    base = `/${PACKAGE_JSON_KEY}`;
    const pkg = doc.value as Record<string, unknown> | null;
    doc = { ...doc, value: pkg && typeof pkg === 'object' ? pkg[PACKAGE_JSON_KEY] : undefined };
  }
  if (doc.value === null || doc.value === undefined) doc = { ...doc, value: {} };
  return { found, display, doc, base };
}

export function loadConfig(root: string, rules: readonly RuleDefinition[], options: { cwd: string; explicitFile?: string }): LoadedConfig | null {
  const read = readConfigDoc(root, options);
  if (!read) return null;
  const { found, display, doc, base } = read;
  validate(doc, base, display, rules);
  return { file: found.file, dir: path.dirname(found.file), data: doc.value as ConfigData };
}

/**
 * The `plugins` the config names, read before the rules are known (a plugin adds rules that the rest
 * of the config may configure). Where the specs resolve from: the config file's folder.
 */
export function configPluginSpecs(root: string, options: { cwd: string; explicitFile?: string }): { specs: string[]; file: string; dir: string; display: string } | null {
  const read = readConfigDoc(root, options);
  if (!read) return null;
  const value = read.doc.value as Record<string, unknown> | null;
  const plugins = value && typeof value === 'object' && !Array.isArray(value) ? value.plugins : undefined;
  if (plugins === undefined) return null;
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== 'string' || p.length === 0)) {
    const pos = valuePositionOf(read.doc, `${read.base}/plugins`);
    throw new WorkflowError(`${read.display}:${pos.line}:${pos.column}: plugins: found ${describe(plugins)}; a list of package names or folders, e.g. [twelve-factor-plugin-acme, ./tools/our-rules]`);
  }
  return { specs: plugins as string[], file: read.found.file, dir: path.dirname(read.found.file), display: read.display };
}

let compiled: { rules: readonly RuleDefinition[]; validate: ValidateFunction; options: Map<string, ValidateFunction> } | undefined;

function validators(rules: readonly RuleDefinition[]) {
  if (compiled?.rules === rules) return compiled;
  const Ajv = loadAjv();
  const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
  const options = new Map<string, ValidateFunction>();
  for (const rule of rules) if (rule.optionsSchema) options.set(rule.id, ajv.compile(rule.optionsSchema));
  compiled = { rules, validate: ajv.compile(configSchema(rules)), options };
  return compiled;
}

function validate(doc: StructuredDoc, base: string, display: string, rules: readonly RuleDefinition[]): void {
  const v = validators(rules);
  const value = doc.value;
  const where = (pointer: string, atKey: boolean) => {
    const pos = atKey ? positionOf(doc, base + pointer) : valuePositionOf(doc, base + pointer);
    return `${display}:${pos.line}:${pos.column}`;
  };
  const fail = (pointer: string, problem: string, atKey = false): never => {
    throw new WorkflowError(`${where(pointer, atKey)}: ${keyPath(base + pointer)}: ${problem}`);
  };
  if (typeof value !== 'object' || Array.isArray(value)) fail('', `found ${describe(value)}; the config must be a mapping of keys (extends, rules, ignore, overrides, environments, entrypoints, plugins)`);
  const ids = rules.map((r) => r.id);
  // Rule entries first, by hand: the messages name the rule, the nearest id and the option at fault.
  const data = value as Record<string, unknown>;
  if (data.rules && typeof data.rules === 'object' && !Array.isArray(data.rules)) {
    for (const [id, entry] of Object.entries(data.rules as Record<string, unknown>)) {
      const pointer = `/rules/${escape(id)}`;
      if (!ids.includes(id)) fail(pointer, unknownRule(id, ids), true);
      const [severity, options, extra] = Array.isArray(entry) ? entry : [entry];
      const sevPointer = Array.isArray(entry) ? `${pointer}/0` : pointer;
      if (!SEVERITY_VALUES.includes(severity as never)) fail(sevPointer, `found ${describe(severity)}; allowed: ${SEVERITY_VALUES.join(', ')}, or [severity, options]`);
      if (Array.isArray(entry) && entry.length > 2) fail(`${pointer}/2`, `found ${describe(extra)}; a rule entry is [severity] or [severity, options]`);
      if (options !== undefined) {
        const check = v.options.get(id);
        if (!check) {
          if (typeof options !== 'object' || options === null || Object.keys(options).length > 0) fail(`${pointer}/1`, `found ${describe(options)}; ${id} takes no options`);
        } else if (!check(options)) {
          const e = check.errors![0]!;
          fail(`${pointer}/1${e.instancePath}`, explain(e));
        }
      }
    }
  }
  if (data.overrides && Array.isArray(data.overrides)) {
    data.overrides.forEach((o, i) => {
      if (!o || typeof o !== 'object' || !('rules' in o) || !o.rules || typeof o.rules !== 'object') return;
      for (const [id, entry] of Object.entries(o.rules as Record<string, unknown>)) {
        const pointer = `/overrides/${i}/rules/${escape(id)}`;
        if (!ids.includes(id)) fail(pointer, unknownRule(id, ids), true);
        if (Array.isArray(entry)) fail(pointer, `found an array; overrides set a severity only (off, info, warning, error): set options under the top-level rules`);
      }
    });
  }
  if (!v.validate(value)) {
    const errors = v.validate.errors ?? [];
    // anyOf reports each branch that failed; the most specific (deepest) error says most.
    const best = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0]!;
    // An unknown key is reported at the key itself.
    const extraKey = best.keyword === 'additionalProperties' ? `/${escape((best.params as { additionalProperty: string }).additionalProperty)}` : '';
    fail(best.instancePath + extraKey, explain(best), extraKey !== '');
  }
}

function unknownRule(id: string, ids: string[]): string {
  const near = closestId(id, ids);
  return `unknown rule id "${redactQuotedValue(id)}"${near ? `; did you mean "${near}"?` : '; `twelve-factor-audit rules` lists them'}`;
}

function explain(e: ErrorObject): string {
  const found = `found ${describe(e.data)}`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      return `unknown key "${redactQuotedValue(key)}"; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`;
    }
    case 'enum':
      return `${found}; allowed: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(', ')}`;
    case 'type':
      return `${found}; expected ${(e.params as { type: string | string[] }).type}`;
    case 'required':
      return `missing key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'anyOf':
      return `${found}; ${(e.parentSchema as { description?: string }).description ?? 'see `twelve-factor-audit schema config`'}`;
    default:
      return `${found}; ${e.message ?? 'not allowed'}`;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a mapping';
  // A value quoted in an error may be a secret pasted in the wrong place: redacted like findings.
  const text = JSON.stringify(typeof value === 'string' ? redactQuotedValue(value) : value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

/** `/rules/config~1hardcoded-secret/1/names` -> `rules["config/hardcoded-secret"][1].names` */
export function keyPath(pointer: string): string {
  if (pointer === '') return '(top level)';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const unescaped = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    // A key can be a secret pasted in the wrong place (a token as a rule id): long ones are judged as values.
    const key = unescaped.length >= 16 ? redactQuotedValue(unescaped) : redactSecrets(unescaped);
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The work tree that holds `dir` (the folder with `.git` at or above it), else `dir` itself. */
function trustBoundary(dir: string): string {
  return workTreeTop(dir) ?? dir;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function packageJsonHasKey(file: string): boolean {
  const text = readGuardedText(file, { maxSize: MAX_CONFIG_SIZE, boundary: path.dirname(file) });
  if (typeof text !== 'string') return false;
  try {
    if (!text.includes(`"${PACKAGE_JSON_KEY}"`)) return false;
    const pkg = JSON.parse(text) as Record<string, unknown>;
    return pkg !== null && typeof pkg === 'object' && PACKAGE_JSON_KEY in pkg;
  } catch {
    // A broken package.json is reported by the audit itself, not as a config problem.
    return false;
  }
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
}
