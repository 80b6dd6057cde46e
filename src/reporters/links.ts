// Where the project lives. package.json `repository` and `homepage` say the same (a test checks it);
// SARIF helpUri and the HTML report link rule pages from here.

import type { ReportTarget } from './target.js';
import { PACKAGE } from '../version.js';

export const REPOSITORY_URL = 'https://github.com/twelve-factor-audit/twelve-factor-audit';

const helpUris = new Map<string, string>();

/**
 * The docs page of a rule (`docs/rules/<factor>/<name>.md`) or of the engine's diagnostics, at the
 * release tag of the version that ran, so that the page matches the rule that reported.
 */
export function ruleHelpUri(ruleId: string, version: string = PACKAGE.version): string {
  // Asked once per finding of a report, for a few dozen rules.
  const key = `${version}\0${ruleId}`;
  let uri = helpUris.get(key);
  if (uri === undefined) {
    const ref = `v${version}`;
    uri = ruleId.includes('/') ? `${REPOSITORY_URL}/blob/${ref}/docs/rules/${ruleId.split('/').map(encodeURIComponent).join('/')}.md` : `${REPOSITORY_URL}/blob/${ref}/docs/reports.md#diagnostics`;
    if (helpUris.size < 10_000) helpUris.set(key, uri);
  }
  return uri;
}

/**
 * A finding's line in the audited repository's web view, when the CI named the repository and the
 * commit is known; undefined otherwise, and for findings about the repository itself (`.`).
 */
export function sourceLineUri(target: Pick<ReportTarget, 'git' | 'repository'>, file: string, line: number): string | undefined {
  const commit = target.git?.commit;
  if (!target.repository || !commit || file === '.' || file === '') return undefined;
  const rel = [target.git?.path ?? '', file].filter((p) => p !== '').join('/');
  const encoded = rel.split('/').map(encodeURIComponent).join('/');
  const blob = target.repository.host === 'gitlab' ? '-/blob' : 'blob';
  return `${target.repository.url}/${blob}/${commit}/${encoded}#L${line}`;
}
