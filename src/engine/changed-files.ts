// Changed-files mode: which files a pre-commit hook or a pull request touched. The whole project is
// still audited (cross-file rules need it); only findings in these files are reported.
//
// Security: this runs `git`, which reads the repository's own .git/config. Only tree-to-tree and
// index-to-tree comparisons are made, never against the working tree, because comparing working-tree
// files can run clean/textconv filters that the repository configures. The environment is reduced
// (no system or global config, no pager, no prompts) and `-c` turns off core.fsmonitor and hooks;
// external diff drivers and textconv are off by flag. Arguments go to execFile, never to a shell; a
// ref that looks like an option is refused. Auditing a repository you do not trust needs none of
// this: the default mode reads .git as data and never runs git.

import { WorkflowError } from '../util/errors.js';
import { safeText } from '../util/safe-text.js';

/** git ran and failed: its first line on stderr, made safe to print (it may quote paths or config values from the tree). */
class GitFailed extends WorkflowError {
  constructor(
    readonly command: string,
    readonly firstLine: string,
  ) {
    super(`git ${command} failed: ${firstLine}`);
  }
}

const GIT_SAFETY = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false', '--no-pager'];
const DIFF_FLAGS = ['--name-only', '-z', '--relative', '--no-ext-diff', '--no-textconv', '--no-renames', '--diff-filter=ACMRT'];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
  };
  if (process.env.HOME) env.HOME = process.env.HOME;
  // A pre-commit hook of `git commit -a` or `git commit <paths>` sees a temporary index.
  if (process.env.GIT_INDEX_FILE) env.GIT_INDEX_FILE = process.env.GIT_INDEX_FILE;
  return env;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // Loaded on use, not at start-up with the rest of the CLI: only --staged and --changed-since run git.
    const { execFile } = process.getBuiltinModule('node:child_process');
    execFile('git', [...GIT_SAFETY, ...args], { cwd, env: gitEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 60_000, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new WorkflowError('git is not installed (needed for --staged and --changed-since)'));
        else reject(new GitFailed(args[0] ?? '', safeText(String(stderr).trim().split('\n')[0] || err.message)));
        return;
      }
      resolve(String(stdout));
    });
  });
}

function splitZ(out: string): string[] {
  return out.split('\0').filter(Boolean).sort();
}

async function hasHead(cwd: string): Promise<boolean> {
  try {
    await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch {
    return false;
  }
}

async function requireWorkTree(root: string, flag: string): Promise<void> {
  try {
    await git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch (err) {
    // Only git's own "not a git repository" means that; any other failure (a broken config, a
    // repository owned by another user) is git's to explain, in its words.
    if (err instanceof GitFailed && !/not a git repository/i.test(err.firstLine)) throw new WorkflowError(`${flag}: git cannot read the repository at ${root}: ${err.firstLine}`);
    if (err instanceof WorkflowError && !(err instanceof GitFailed)) throw err;
    throw new WorkflowError(`${flag} needs a git repository, and ${root} is not inside one`);
  }
}

/** Files staged for the next commit (added, copied, modified, renamed), relative to `root`. */
export async function stagedFiles(root: string): Promise<string[]> {
  await requireWorkTree(root, '--staged');
  // Before the first commit everything in the index is staged; compare with the empty tree.
  const base = (await hasHead(root)) ? 'HEAD' : (await git(root, ['hash-object', '-t', 'tree', '/dev/null'])).trim();
  return splitZ(await git(root, ['diff', '--cached', ...DIFF_FLAGS, base, '--']));
}

/** Files changed on this branch since it left `ref` (merge base to HEAD), plus the staged ones. */
export async function changedSince(root: string, ref: string): Promise<string[]> {
  if (!/^[^\s-][^\s]*$/.test(ref) || /[\0-\x1f\x7f]/.test(ref)) {
    throw new WorkflowError(`--changed-since: "${ref}" is not a git ref (a branch, tag or commit)`);
  }
  await requireWorkTree(root, '--changed-since');
  let commit: string;
  try {
    commit = (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    throw new WorkflowError(`--changed-since: unknown git ref "${ref}" (fetch it first, e.g. git fetch origin main)`);
  }
  const committed = splitZ(await git(root, ['diff', ...DIFF_FLAGS, `${commit}...HEAD`, '--']));
  const staged = splitZ(await git(root, ['diff', '--cached', ...DIFF_FLAGS, 'HEAD', '--']));
  return [...new Set([...committed, ...staged])].sort();
}
