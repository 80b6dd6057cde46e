// What an audit looked at, for reports that are read far from the machine that made them (dashboards
// merge the reports of many services). The git commit and branch are read from the .git folder as
// data: HEAD, refs/heads/*, packed-refs. Git is never run inside the scanned tree (a hostile
// .git/config can make git commands execute code).

import path from 'node:path';
import { findGitDirAndWorkTree, readHead } from '../util/git-data.js';
import { readGuardedText } from '../util/guarded-read.js';
import { trimTrailingSlashes } from '../util/text.js';

export interface ReportTarget {
  /** The root package.json's name, else the audited folder's name. */
  name: string;
  git?: {
    /** Full object id of HEAD. Absent when HEAD points at a branch with no commit yet. */
    commit?: string;
    /** Absent when HEAD is detached. */
    branch?: string;
    /** The audited folder relative to the work tree's top, POSIX ('' for the top itself). */
    path: string;
  };
  /**
   * The repository's web page, from the CI that ran the audit (never from the scanned tree): with the
   * commit it makes a link to each finding's source line.
   */
  repository?: { url: string; host: 'github' | 'gitlab' };
}

/**
 * The repository's web URL as the CI names it: GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY)
 * or GitLab CI (CI_PROJECT_URL). Only plain https URLs without credentials are accepted.
 */
export function repositoryFromEnv(env: Record<string, string | undefined>): ReportTarget['repository'] | undefined {
  const github = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${trimTrailingSlashes(env.GITHUB_SERVER_URL)}/${env.GITHUB_REPOSITORY}` : undefined;
  const candidate = github ?? env.CI_PROJECT_URL;
  if (!candidate || candidate.length > 512) return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash || !/^\/[\w.~-]+(\/[\w.~-]+)+\/?$/.test(url.pathname)) return undefined;
  return { url: `${url.origin}${trimTrailingSlashes(url.pathname)}`, host: github ? 'github' : 'gitlab' };
}

/** A package.json larger than this is not read for the report's name. */
const MAX_PACKAGE_JSON = 1024 * 1024;

export function readTarget(root: string, env: Record<string, string | undefined> = {}): ReportTarget {
  const target: ReportTarget = { name: packageName(root) ?? (path.basename(path.resolve(root)) || 'root') };
  const found = findGitDirAndWorkTree(root);
  if (!found) return target;
  const { gitDir, workTree } = found;
  const repository = repositoryFromEnv(env);
  const git: NonNullable<ReportTarget['git']> = { path: toPosix(path.relative(workTree, path.resolve(root))) };
  Object.assign(git, readHead(gitDir));
  return {
    ...target,
    git: { ...(git.commit ? { commit: git.commit } : {}), ...(git.branch ? { branch: git.branch } : {}), path: git.path },
    ...(repository ? { repository } : {}),
  };
}

function packageName(root: string): string | undefined {
  // Inside the root only: a package.json linked to another project's must not name this report.
  const text = readSmall(root, 'package.json', MAX_PACKAGE_JSON);
  if (!text) return undefined;
  try {
    const pkg = JSON.parse(text) as { name?: unknown };
    return typeof pkg.name === 'string' && pkg.name.trim() !== '' && pkg.name.length <= 214 ? pkg.name : undefined;
  } catch {
    return undefined;
  }
}

/** A file under `dir` (POSIX `rel`): regular, inside `dir`, at most `max` bytes; else undefined. */
function readSmall(dir: string, rel: string, max: number): string | undefined {
  const text = readGuardedText(path.join(dir, ...rel.split('/')), { boundary: dir, maxSize: max });
  return typeof text === 'string' ? text : undefined;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
