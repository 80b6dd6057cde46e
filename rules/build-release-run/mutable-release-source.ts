import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import { substitute } from '../../src/parsing/dockerfile.js';
import type { DockerfileFacts, DockerInstruction, ShellCommand } from '../../src/parsing/facts.js';

/** A ref that names one commit for good: a commit id or a version tag. */
const IMMUTABLE_REF = /^([0-9a-f]{7,40}|v?\d+(\.\d+)*([-+.][0-9A-Za-z.-]+)?)$/;
/** `git clone` options that take a value. */
const CLONE_VALUE_FLAGS = new Set(['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin', '--reference', '--filter', '-j', '--jobs', '-u', '--upload-pack', '--separate-git-dir', '--shallow-since', '--shallow-exclude', '--template']);
const VERSION_IN_URL = /(^|[/_-])v?\d+\.\d+(\.\d+)?([/._-]|$)/;

const messages = {
  gitClone: 'RUN git clone of {{url}} takes {{what}}: the same Dockerfile builds different code as the branch moves.',
  addGit: 'ADD of the git repository {{source}} takes {{what}}: the same Dockerfile builds different code as the branch moves.',
  addVersionedUrl: 'ADD {{source}} has no --checksum: the URL names a version, but nothing checks that its content is the one you tested.',
  addUrl: 'ADD {{source}} has no --checksum and names no version: every build may download different content.',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'build-release-run/mutable-release-source',
  factor: 'build-release-run',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  docs: {
    description: 'A Dockerfile builds from a moving source: `git clone` of a branch, or `ADD <url>` without `--checksum`',
    remediation: 'Clone a tag or check out a commit (`git clone --branch v1.4.2`, `git checkout <sha>`), and give `ADD <url>` a `--checksum=sha256:...` (or download with curl and verify with sha256sum).',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        const values = knownValues(facts, stage.index);
        for (const ins of stage.instructions) {
          if (ins.keyword === 'RUN' && ins.commands) checkRun(ins, ins.commands, values, ctx);
          if (ins.keyword === 'ADD') checkAdd(ins, values, ctx);
        }
      }
    },
  }),
});

/** ARG/ENV values visible in a stage (global ARGs and the stage's own), for `--branch ${REF}`. */
function knownValues(facts: DockerfileFacts, stageIndex: number): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const a of facts.globalArgs) values.set(a.name, a.hasValue ? a.value : null);
  for (const e of facts.stages[stageIndex]?.env ?? []) values.set(e.name, e.hasValue ? e.value : (values.get(e.name) ?? null));
  return values;
}

/** A ref is fine when it names a commit or tag, or is a build argument without default (set per build). */
function judgeRef(ref: string, values: Map<string, string | null>): 'immutable' | 'unknown' | 'mutable' {
  const resolved = ref.includes('$') ? substitute(ref, values) : ref;
  if (resolved === null) return 'unknown';
  // Length first: the pattern is quadratic on long `0.0.0...` runs, and no tag or commit id is that long.
  return resolved.length <= 128 && IMMUTABLE_REF.test(resolved) ? 'immutable' : 'mutable';
}

function checkRun(ins: DockerInstruction, commands: ShellCommand[], values: Map<string, string | null>, ctx: Ctx): void {
  commands.forEach((cmd, index) => {
    const gitAt = cmd.argv.findIndex((w) => w === 'git' || w.endsWith('/git'));
    if (gitAt !== 0) return;
    const args = cmd.argv.slice(1);
    // `git -C dir clone`: skip global options.
    while (args[0]?.startsWith('-')) args.splice(0, args[0] === '-C' || args[0] === '-c' ? 2 : 1);
    if (args[0] !== 'clone') return;
    let branch: string | undefined;
    const positional: string[] = [];
    for (let i = 1; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-b' || a === '--branch') branch = args[++i];
      else if (a.startsWith('--branch=')) branch = a.slice('--branch='.length);
      else if (CLONE_VALUE_FLAGS.has(a)) i++;
      else if (!a.startsWith('-')) positional.push(a);
    }
    const url = positional[0];
    if (url === undefined) return;
    if (branch !== undefined && judgeRef(branch, values) !== 'mutable') return;
    // A later `git checkout <commit>` / `git reset --hard <tag>` in the same RUN pins it.
    for (const later of commands.slice(index + 1)) {
      const words = later.argv.slice(later.argv[0] === 'git' ? 1 : 0);
      if (later.argv[0] !== 'git') continue;
      while (words[0]?.startsWith('-')) words.splice(0, words[0] === '-C' || words[0] === '-c' ? 2 : 1);
      const verb = words[0];
      if (verb !== 'checkout' && verb !== 'reset' && verb !== 'switch' && verb !== 'fetch') continue;
      const refs = words.slice(1).filter((w) => !w.startsWith('-') && w !== 'origin');
      if (refs.some((r) => judgeRef(r, values) !== 'mutable')) return;
    }
    const resolvedBranch = branch !== undefined && branch.includes('$') ? substitute(branch, values) : branch;
    const what = branch === undefined ? 'its default branch' : resolvedBranch !== branch ? `branch ${resolvedBranch} (${branch})` : `branch ${branch}`;
    ctx.report({
      loc: { file: ctx.path, line: ins.line, column: ins.column },
      messageId: 'gitClone',
      data: { url, what },
      evidence: cmd.argv.join(' ').slice(0, 120),
    });
  });
}

function checkAdd(ins: DockerInstruction, values: Map<string, string | null>, ctx: Ctx): void {
  let words: string[];
  const text = ins.text.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      words = Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
    } catch {
      return;
    }
  } else words = text.split(/\s+/);
  const sources = words.slice(0, -1);
  const hasChecksum = ins.flags.some((f) => f.startsWith('--checksum'));
  for (const source of sources) {
    const resolved = substitute(source, values) ?? source;
    const isGit = /^git@|\.git(#|$)|^git:\/\//.test(resolved);
    if (isGit) {
      const ref = resolved.includes('#') ? resolved.slice(resolved.indexOf('#') + 1).split(':')[0]! : undefined;
      if (ref !== undefined && judgeRef(ref, values) !== 'mutable') continue;
      ctx.report({
        loc: { file: ctx.path, line: ins.line, column: ins.column },
        messageId: 'addGit',
        data: { source, what: ref ? `branch ${ref}` : 'its default branch' },
        evidence: `ADD ${source}`,
      });
      continue;
    }
    if (!/^https?:\/\//i.test(resolved) || hasChecksum) continue;
    // A versioned release asset rarely changes, but nothing verifies that it did not: info only.
    const versioned = VERSION_IN_URL.test(resolved.replace(/^https?:\/\/[^/]+/, ''));
    ctx.report({
      loc: { file: ctx.path, line: ins.line, column: ins.column },
      messageId: versioned ? 'addVersionedUrl' : 'addUrl',
      data: { source },
      evidence: `ADD ${source}`,
      ...(versioned ? { severity: 'info' as const } : {}),
    });
  }
}
