// The environment of a file, inferred from its name (the catalog's "environment of a file"):
// compose.dev.yml, docker-compose.override.yml, Dockerfile.dev, k8s/overlays/dev, values-prod.yaml,
// test folders. Runtime rules skip dev/test files (or report them as info); dev/prod-parity rules
// compare dev with prod. Inference is by name and can be overridden by configuration.

import { isTestPath } from '../discovery/classify.js';
import { matchAny } from '../config/glob.js';

export type FileEnvironment = 'dev' | 'test' | 'prod' | 'unknown';

export interface EnvironmentOverrides {
  dev?: string[];
  test?: string[];
  prod?: string[];
}

const DEV_WORD = /(^|[./_-])(dev|develop|development|local|override|debug)([./_-]|$)/i;
const PROD_WORD = /(^|[./_-])(prod|production|staging|stage|release|live)([./_-]|$)/i;
// .devcontainer holds the VS Code / Codespaces development container, never a deployment.
const DEV_DIR = /(^|\/)(dev|development|local|\.devcontainer|overlays\/(dev|development|local))\//i;
const PROD_DIR = /(^|\/)(prod|production|staging|overlays\/(prod|production|staging))\//i;

/** Rules ask for the environment of the file they are in at every node they check: remembered per path. */
const inferred = new Map<string, FileEnvironment>();
const MAX_REMEMBERED = 50_000;

export function inferEnvironment(path: string, overrides?: EnvironmentOverrides): FileEnvironment {
  if (overrides && (overrides.dev?.length || overrides.test?.length || overrides.prod?.length)) return inferUncached(path, overrides);
  let env = inferred.get(path);
  if (env === undefined) {
    env = inferUncached(path, {});
    if (inferred.size >= MAX_REMEMBERED) inferred.clear();
    inferred.set(path, env);
  }
  return env;
}

function inferUncached(path: string, overrides: EnvironmentOverrides): FileEnvironment {
  for (const env of ['test', 'dev', 'prod'] as const) {
    // Config globs (docs/configuration.md): a folder pattern covers the files in it.
    if (matchAny(overrides[env] ?? [], path)) return env;
  }
  if (isTestPath(path)) return 'test';
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (DEV_WORD.test(base) || DEV_DIR.test(path)) return 'dev';
  if (PROD_WORD.test(base) || PROD_DIR.test(path)) return 'prod';
  return 'unknown';
}

/** Dev and test files are not what runs in production. */
export function isNonProduction(env: FileEnvironment): boolean {
  return env === 'dev' || env === 'test';
}

