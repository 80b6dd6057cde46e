// The contract between the engine and the rules. Everything a rule sees or returns is declared here;
// anything that crosses the per-file/project boundary (facts, findings) is plain JSON so that the
// per-file phase can run in a worker thread and be cached by content hash.

import type { ts } from '../parsing/typescript-module.js';
import type { ModelFile, ProjectModel } from '../model/project-model.js';
import type { FileFacts, FileKind } from '../parsing/facts.js';
import type { FactVisitors, Target } from '../discovery/file-kinds.js';
import type { FileRole } from '../model/file-role.js';

export const FACTORS = [
  'codebase',
  'dependencies',
  'config',
  'backing-services',
  'build-release-run',
  'processes',
  'port-binding',
  'concurrency',
  'disposability',
  'dev-prod-parity',
  'logs',
  'admin-processes',
] as const;
export type Factor = (typeof FACTORS)[number];

export const FACTOR_TITLES: Record<Factor, string> = {
  codebase: 'I. Codebase',
  dependencies: 'II. Dependencies',
  config: 'III. Config',
  'backing-services': 'IV. Backing services',
  'build-release-run': 'V. Build, release, run',
  processes: 'VI. Processes',
  'port-binding': 'VII. Port binding',
  concurrency: 'VIII. Concurrency',
  disposability: 'IX. Disposability',
  'dev-prod-parity': 'X. Dev/prod parity',
  logs: 'XI. Logs',
  'admin-processes': 'XII. Admin processes',
};

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** What a rule reads (the file-kind table's targets). `xf` marks rules that need the project model (two or more kinds together). */
export type { Target } from '../discovery/file-kinds.js';

/** Engine diagnostics are findings too, with no factor; their ids are catalogued in src/engine/diagnostics.ts. */

export interface Finding {
  ruleId: string;
  factor: Factor | null;
  severity: Severity;
  message: string;
  /** POSIX path relative to the scanned root. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A short excerpt that shows what was matched; never a whole secret. */
  evidence?: string;
  remediation: string;
  /** Other places of the same cause: the rest of a grouped finding, the other end of a cross-file one. */
  related?: RelatedLocation[];
  /** Engine-internal (ReportDescriptor.mattersOutsideRuntime): read by the role filter, removed before audit() returns. */
  mattersOutsideRuntime?: string;
}

export interface RelatedLocation extends Location {
  /** What this place is, in a few words (`also imported here`, `the Dockerfile that runs it`). */
  message?: string;
}

/** A place in a file, 1-based. Rules report these; they never compute line numbers from offsets. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Values for a message's `{{name}}` placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * What a rule reports: a `message` written out, or (for a rule with `messages`) a `messageId` of
 * that record and the `data` its placeholders take, which `tsc` checks against the record's keys
 * (typescript-eslint's createRule). `Ids` is `never` for a rule without messages.
 */
export type ReportDescriptor<Ids extends string = never> = ReportFields & ([Ids] extends [never] ? { message: string; messageId?: undefined; data?: undefined } : { messageId: Ids; data?: MessageData; message?: undefined } | { message: string; messageId?: undefined; data?: undefined });

/** Any report as the engine receives it: written out or by id. */
export type AnyReportDescriptor = ReportFields & { message?: string; messageId?: string; data?: MessageData };

interface ReportFields {
  /** A ts.Node of the current file, or an explicit location (model facts carry their own). */
  node?: ts.Node;
  loc?: Location;
  evidence?: string;
  /** Overrides the rule's default remediation for this finding. */
  remediation?: string;
  /** Other places of the same cause (see Finding.related). */
  related?: RelatedLocation[];
  /**
   * This finding's severity, when the rule runs at its own severity. Turned down (a preset, the
   * config), the rule keeps a lower one here and lowers a higher one; turned up, it reports every
   * finding at the configured severity (engine/findings.ts).
   */
  severity?: Severity;
  /**
   * Why this finding matters even in a file that is not shipped and run (a test, a dev set-up, CI,
   * docs): the engine then keeps its severity there instead of lowering it to info. A live,
   * known-format key committed in a test is still a leaked key.
   */
  mattersOutsideRuntime?: string;
}

export interface RuleDocs {
  /** One line: what the rule catches. */
  description: string;
  /** What to do about a finding. */
  remediation: string;
}

export interface FileContext<Ids extends string = never> {
  /** POSIX path relative to the scanned root. */
  readonly path: string;
  readonly kind: FileKind;
  readonly text: string;
  /** True for test files and fixtures of the scanned repo: runtime rules skip them. */
  readonly isTest: boolean;
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor<Ids>): void;
}

export interface TsFileContext<Ids extends string = never> extends FileContext<Ids> {
  readonly sourceFile: ts.SourceFile;
}

/** Handlers keyed by SyntaxKind name (`CallExpression`), as ESLint keys by node type. */
export type TsVisitors<Ids extends string = never> = { [kind: string]: ((node: any, ctx: TsFileContext<Ids>) => void) | undefined } & {
  /** Called once after the walk of the file. */
  'Program:exit'?: (sourceFile: ts.SourceFile, ctx: TsFileContext<Ids>) => void;
};

/**
 * The per-file visitors: `ts` keyed by syntax kind, and one entry per parsed kind of the file-kind
 * table (`dockerfile`, `compose`, `k8s`, `packageJson`, `env`, `procfile`, `prisma`, and `structured`
 * for every JSON/YAML file, compose files and manifests included), each given that kind's facts.
 */
export interface PerFileVisitors<Ids extends string = never> extends FactVisitors<FileContext<Ids>> {
  ts?: TsVisitors<Ids>;
}

export interface ProjectContext<Ids extends string = never> {
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor<Ids> & { loc: Location }): void;
}

export interface RuleDefinition<Ids extends string = never> {
  /** `<factor>/<name>`; the file is rules/<factor>/<name>.ts (a repository test checks it). */
  id: string;
  factor: Factor;
  severity: Severity;
  /**
   * What the rule reads besides what its visitors say. The per-file kinds are derived from the
   * visitors create() returns, and `xf` from checkProject (file-kinds.ts `ruleTargets`); declare here
   * what the project phase reads from the model (`['k8s']`) or `repo` for the git repository itself.
   */
  targets?: Target[];
  /**
   * The file roles (src/model/file-role.ts) this rule judges; default `['runtime']`. The engine drops
   * a finding whose file has another role, and lowers to info a finding in a judged role other than
   * runtime unless the report says why it matters there (`mattersOutsideRuntime`). So no rule decides
   * for itself what a test or a dev set-up is.
   */
  roles?: readonly FileRole[];
  /**
   * Why every finding of this rule keeps its severity in the non-runtime roles it judges (dev/prod
   * parity is about the dev set-up itself); per finding, see ReportDescriptor.mattersOutsideRuntime.
   */
  mattersOutsideRuntime?: string;
  docs: RuleDocs;
  /**
   * The rule's messages by id, with `{{name}}` placeholders filled from a report's `data`: the
   * reports say `messageId` and tsc checks it is one of these.
   */
  messages?: Record<Ids, string>;
  /**
   * A finding is a security issue (a secret or credential exposed), not only a twelve-factor lapse:
   * SARIF marks the rule `security` with a security-severity, so code scanning files it as such.
   */
  security?: boolean;
  /** JSON Schema of the options object; validated once per run with ajv. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /**
   * Severity under each config preset when it differs from the default rule of thumb (recommended:
   * `severity`; strict: info rules become warnings). A strict-only rule (digest pinning) says
   * `presets: { recommended: 'off', strict: 'warning' }`.
   */
  presets?: { recommended?: Severity | 'off'; strict?: Severity | 'off' };
  /**
   * Rules whose finding at the same place this rule replaces ("one value, one finding": the more
   * specific rule reports it).
   */
  supersedes?: string[];
  /**
   * A fast pre-filter of the per-file phase on TS/JS files, like gitleaks' keywords: the rule's `ts`
   * visitors can only report in a file whose text contains one of `ts` (case-sensitive) or whose
   * path matches `path`. Elsewhere the engine does not even create the rule's visitors (13 rules
   * with CallExpression handlers made 875,000 handler calls on the 200-service bench tree). It must
   * be a necessary condition of every report of the `ts` visitors: test/cross-rule.test.ts runs every
   * fixture with and without the hints and requires the same findings.
   */
  textHints?: { ts: readonly string[]; path?: RegExp };
  /** Per-file phase: visitors merged into one walk per file. */
  create?: (options: Record<string, unknown>) => PerFileVisitors<Ids>;
  /** Project phase: reads the model built from every file's facts. */
  checkProject?: (model: ProjectModel, ctx: ProjectContext<Ids>) => void;
  /**
   * Project phase in its per-file form (ProjectCheckByFile), for a check that goes over every file
   * of a kind: with a cache, a change in one file recomputes that file's part only. defineRule
   * makes `checkProject` from it, which runs every file's step and then the combine step.
   */
  checkProjectByFile?: ProjectCheckByFile<any, any, Ids>;
}

/**
 * A cross-file check split as ESLint splits a multi-file lint (map, then reduce): a step per file of
 * `kind` that returns that file's partial result, given values shared by every file, and a step
 * that combines all files' partials into reports. With a cache the engine stores each file's partial
 * with what its step read of the model (src/engine/project-by-file.ts), and on the next run
 * recomputes only the partials whose reads changed (every one when a shared value's reads changed),
 * then combines them again.
 */
export interface ProjectCheckByFile<Shared, Partial, Ids extends string = never> {
  /** The kind of facts of the files checked one by one (each in the model's order). */
  kind: FileFacts['kind'];
  /**
   * The values every file's step reads (package names, an alias index), recorded once: a value
   * expensive to compute goes through `once`, which computes it on first use, so that a run that
   * recomputes one file's partial computes only the values that file needs. A value given a
   * SharedValueForm is stored with the partials and taken from the cache while nothing it read
   * changed (the form says how to turn it into plain JSON and back).
   */
  shared: (model: ProjectModel, once: <T>(compute: () => T, form?: SharedValueForm<T>) => () => T) => Shared;
  /**
   * One file's partial result, or undefined when the file adds nothing. Plain JSON (strings,
   * numbers, booleans, arrays, records) of paths, lines, specifiers and names, never a value read
   * from a config file: it is stored in the cache, whose secret screen drops the whole form when a
   * partial may hold a secret. What it reads of the model beyond its file is recorded for it.
   */
  checkFile: (file: ModelFile, shared: Shared, model: ProjectModel) => Partial | undefined;
  /** The reports from every file's partial (in the files' order; files without one left out) and the shared values; reads nothing else. */
  combine: (partials: Partial[], ctx: ProjectContext<Ids>, shared: Shared) => void;
}

/**
 * How a shared value is stored: under `name`, as `save` makes it (plain JSON of names and paths, as
 * a partial), and read back by `load` (undefined when what it is given is not such a value: it is
 * computed again). Both are given the cache's secret screen: a saved value it flags is not stored,
 * so a form may leave out the parts it flags, and its loaded value then answers for those from the
 * model (the screen tells which they were).
 */
export interface SharedValueForm<T> {
  name: string;
  save: (value: T, mayHoldSecret: (value: unknown) => boolean) => unknown;
  load: (stored: unknown, mayHoldSecret: (value: unknown) => boolean) => T | undefined;
}

/** The form of a set of strings (package names, paths). */
export const stringSetForm = (name: string): SharedValueForm<Set<string>> => ({
  name,
  save: (value) => [...value],
  load: (stored) => (Array.isArray(stored) && stored.every((s) => typeof s === 'string') ? new Set(stored) : undefined),
});

/** A partial as the cache gives it back: what JSON keeps of it (both forms of a run combine this). */
export function storedPartial<P>(partial: P): P {
  return JSON.parse(JSON.stringify(partial)) as P;
}

/** checkProject from the per-file form: every file's step, then the combine step. */
export function projectCheckOf<Ids extends string>(check: ProjectCheckByFile<any, any, Ids>): (model: ProjectModel, ctx: ProjectContext<Ids>) => void {
  return (model, ctx) => {
    const shared: unknown = check.shared(model, (compute) => {
      let value: ReturnType<typeof compute> | undefined;
      let done = false;
      return () => {
        if (!done) {
          value = compute();
          done = true;
        }
        return value!;
      };
    });
    const partials: unknown[] = [];
    for (const file of model.ofKind(check.kind)) {
      const partial: unknown = check.checkFile(file, shared, model);
      if (partial !== undefined) partials.push(storedPartial(partial));
    }
    check.combine(partials, ctx, shared);
  };
}

/** A rule; with `messages`, its reports are checked against their ids (`defineRule({ messages: { x: '…' }, … })`). */
export function defineRule<const Ids extends string = never>(rule: RuleDefinition<Ids>): RuleDefinition {
  if (!rule.create && !rule.checkProject && !rule.checkProjectByFile) {
    throw new Error(`rule ${rule.id} defines neither create nor checkProject`);
  }
  if (rule.checkProjectByFile && rule.checkProject) throw new Error(`rule ${rule.id} defines both checkProject and checkProjectByFile`);
  if (rule.checkProjectByFile) return { ...rule, checkProject: projectCheckOf(rule.checkProjectByFile) } as unknown as RuleDefinition;
  return rule as unknown as RuleDefinition;
}

/** The text of a report: its `message`, or its `messageId`'s message with the `{{name}}` placeholders filled from `data`. */
export function reportMessage(rule: Pick<RuleDefinition<string>, 'id' | 'messages'>, d: AnyReportDescriptor): string {
  if (d.messageId === undefined) return d.message ?? '';
  const messages: Partial<Record<string, string>> = rule.messages ?? {};
  const template = Object.hasOwn(messages, d.messageId) ? messages[d.messageId] : undefined;
  if (template === undefined) throw new Error(`rule ${rule.id} reported an unknown messageId "${d.messageId}"`);
  const data = d.data ?? {};
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}
