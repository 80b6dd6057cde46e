// What discovery knows by path alone: which kind a file is (the file-kind table), which folders it
// never enters, and which files are tests.

import type { CandidateKind } from './file-kinds.js';

export { classify, type CandidateKind } from './file-kinds.js';

/**
 * Folders never entered: dependencies, build output, tool caches, version control. Discovery prunes
 * them by name at any depth (and config `ignore` adds more).
 */
export const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', 'vendor', '.next', '.nuxt', '.turbo', '.yarn']);

/**
 * Ignored folders a repository's .gitignore may give back: a `node_modules` its own `!` rule
 * re-includes (`node_modules` then `!packages/node_modules`) is where it commits its own packages,
 * as node-red does, and git tracks it as source. Not build output (`!dist` commits a bundle, still
 * no source to judge), not `vendor` (third-party code), never `.git`.
 */
export const REINCLUDABLE_DIRS: ReadonlySet<string> = new Set(['node_modules']);

/**
 * Ignored folders that also hold deploy files: `build/` is a build output in one repository and
 * `build/docker/Dockerfile` in another, so only Dockerfiles and shell scripts are read in it.
 */
export const DEPLOY_FILES_ONLY_DIRS: ReadonlySet<string> = new Set(['build']);
export const DEPLOY_FILE_KINDS: ReadonlySet<CandidateKind> = new Set(['dockerfile', 'shell']);

const TEST_DIR = /(^|\/)(test|tests|__tests__|__mocks__|spec|e2e|fixtures|__fixtures__|testdata|test-utils|cypress|playwright)\//i;
/** A folder named for tests with a word joined by `-` or `_`: `e2e_tests/`, `integration-tests/`, Nx's `api-e2e/`. */
const TEST_DIR_COMPOUND = /(^|\/)([\w.]+[-_])?(tests|e2e|specs)([-_][\w.]+)?\//i;
// `.eval.ts`: model evaluation suites a test runner runs (vitest-evals, evalite); `.bench.ts`: vitest benchmarks.
const TEST_NAME = /\.(test|spec|e2e|e2e-spec|integration|eval|bench)\.[cm]?[jt]sx?$|(^|\/)\.env\.(test|testing|e2e|ci)(\.[\w-]+)?$/i;

/** Test files and fixtures of the scanned repository: runtime rules skip them. */
export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path) || TEST_NAME.test(path) || TEST_DIR_COMPOUND.test(path);
}
