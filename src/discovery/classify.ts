// File-kind classification by name. YAML and JSON are refined after parsing (a compose file or a
// Kubernetes manifest is known by its content as much as by its name).

export type CandidateKind =
  | 'ts'
  | 'dockerfile'
  | 'package-json'
  | 'lockfile'
  | 'tsconfig'
  | 'env'
  | 'procfile'
  | 'shell'
  | 'prisma'
  | 'yaml'
  | 'json'
  | 'dockerignore'
  | 'npmrc';

const TS_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const DECLARATION = /\.d\.(ts|mts|cts)$/i;
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb']);

export function classify(path: string): CandidateKind | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (LOCKFILES.has(lower)) return 'lockfile';
  if (lower === 'package.json') return 'package-json';
  if (/^tsconfig([.-].*)?\.json$/.test(lower) || lower === 'jsconfig.json') return 'tsconfig';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile' || lower.startsWith('containerfile.')) {
    return 'dockerfile';
  }
  if (TS_EXT.test(lower)) return DECLARATION.test(lower) ? null : 'ts';
  if (/^\.env(\.[\w.-]+)?$/.test(lower) || /^[\w.-]+\.env$/.test(lower)) return 'env';
  if (lower === 'procfile' || lower.startsWith('procfile.')) return 'procfile';
  if (lower === '.npmrc') return 'npmrc';
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore')) return 'dockerignore';
  if (lower.endsWith('.sh')) return 'shell';
  if (lower.endsWith('.prisma')) return 'prisma';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/**
 * Folders never entered: dependencies, build output, tool caches, version control. Discovery prunes
 * them by name at any depth (and config `ignore` adds more).
 */
export const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', 'vendor', '.next', '.nuxt', '.turbo', '.yarn']);

/**
 * Ignored folders that also hold deploy files: `build/` is a build output in one repository and
 * `build/docker/Dockerfile` in another, so only Dockerfiles and shell scripts are read in it.
 */
export const DEPLOY_FILES_ONLY_DIRS: ReadonlySet<string> = new Set(['build']);
export const DEPLOY_FILE_KINDS: ReadonlySet<CandidateKind> = new Set(['dockerfile', 'shell']);

const TEST_DIR = /(^|\/)(test|tests|__tests__|__mocks__|spec|e2e|fixtures|__fixtures__|testdata|test-utils|cypress|playwright)\//i;
const TEST_NAME = /\.(test|spec|e2e|e2e-spec|integration)\.[cm]?[jt]sx?$|(^|\/)\.env\.(test|testing|e2e|ci)(\.[\w-]+)?$/i;

/** Test files and fixtures of the scanned repository: runtime rules skip them. */
export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path) || TEST_NAME.test(path);
}
