// Where the project lives. package.json `repository` and `homepage` say the same (a test checks it);
// SARIF helpUri and the HTML report link rule pages from here.

import { PACKAGE } from '../version.js';

export const REPOSITORY_URL = 'https://github.com/twelve-factor-audit/twelve-factor-audit';

/**
 * The docs page of a rule (`docs/rules/<factor>/<name>.md`) or of the engine's diagnostics, at the
 * release tag of the version that ran, so that the page matches the rule that reported.
 */
export function ruleHelpUri(ruleId: string, version: string = PACKAGE.version): string {
  const ref = `v${version}`;
  if (!ruleId.includes('/')) return `${REPOSITORY_URL}/blob/${ref}/docs/reports.md#diagnostics`;
  return `${REPOSITORY_URL}/blob/${ref}/docs/rules/${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}
