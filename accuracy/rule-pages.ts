// The measured line of each rule page (docs/rules/<factor>/<rule>.md, section "Preset"): the rule's
// verdict counts over the whole corpus as accuracy/evidence.json holds them, written by the strict
// `--docs` run beside that file. The pages' prose says why a rule sits in its preset and what was
// learnt on the way; numbers written into prose by hand went stale as the corpus grew (forty pages
// still quoted a corpus of 32 repositories when it held 241), so the current numbers live in one
// place and are copied into a marked block of each page. accuracy/rule-pages.test.ts fails when a
// page's block differs from the committed evidence.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { replaceSection } from './marked-sections.js';
import { tallyOf, type Evidence } from './tally.js';

export const EVIDENCE_BLOCK = 'evidence';

/** The page of a rule, relative to the repository's root. */
export function rulePagePath(ruleId: string): string {
  return path.join('docs', 'rules', ...ruleId.split('/')) + '.md';
}

/** The measured line of a rule: what the strict run over the corpus judged of its findings. */
export function evidenceLine(ruleId: string, evidence: Evidence): string {
  const t = tallyOf(evidence.rules[ruleId]);
  const corpus = `the ${evidence.repositories} public repositories of the accuracy corpus ([docs/accuracy.md](../../accuracy.md)), every rule on`;
  const stamp = `(tool commit \`${evidence.measuredWith}\`)`;
  if (t.judged === 0 && t.unjudged === 0) return `Measured now over ${corpus}: no finding ${stamp}.`;
  const judged = `${t.judged} judged (${t.TP} true, ${t.FP} false, ${t.DEBATABLE} debatable; precision ${t.precision === null ? '–' : t.precision.toFixed(2)})`;
  return `Measured now over ${corpus}: ${judged}${t.unjudged > 0 ? `, ${t.unjudged} not judged` : ''} ${stamp}.`;
}

/** The page with its measured block set: replaced where it is, else put first under "## Preset". */
export function withEvidence(page: string, ruleId: string, evidence: Evidence): string {
  const body = evidenceLine(ruleId, evidence);
  if (page.includes(`<!-- ${EVIDENCE_BLOCK}:begin -->`)) return replaceSection(page, EVIDENCE_BLOCK, body, rulePagePath(ruleId));
  const heading = /^## Preset\n\n/m.exec(page);
  if (!heading) throw new Error(`${rulePagePath(ruleId)} has no "## Preset" section`);
  const at = heading.index + heading[0].length;
  return `${page.slice(0, at)}<!-- ${EVIDENCE_BLOCK}:begin -->\n${body}\n<!-- ${EVIDENCE_BLOCK}:end -->\n\n${page.slice(at)}`;
}

/** Rewrites the measured block of every rule's page; returns the pages changed. */
export function writeRulePages(repoRoot: string, ruleIds: readonly string[], evidence: Evidence): string[] {
  const changed: string[] = [];
  for (const id of ruleIds) {
    const file = path.join(repoRoot, rulePagePath(id));
    if (!existsSync(file)) throw new Error(`${rulePagePath(id)} is missing`);
    const page = readFileSync(file, 'utf8');
    const next = withEvidence(page, id, evidence);
    if (next !== page) {
      writeFileSync(file, next);
      changed.push(rulePagePath(id));
    }
  }
  return changed;
}
