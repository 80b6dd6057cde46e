// Where the project lives. package.json `repository` and `homepage` say the same (a test checks it);
// SARIF helpUri and the HTML report link rule pages from here.

export const REPOSITORY_URL = 'https://github.com/twelve-factor-audit/twelve-factor-audit';

/** The docs page of a rule (`docs/rules/<factor>/<name>.md`) or of the engine's diagnostics. */
export function ruleHelpUri(ruleId: string): string {
  if (!ruleId.includes('/')) return `${REPOSITORY_URL}/blob/main/docs/reports.md#diagnostics`;
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}
