import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { audit } from './audit.js';

describe('per-file time budget', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-budget-'));
  // About 1 MB of calls: far more than 1 ms of work, well under the 2 MB size limit.
  writeFileSync(path.join(root, 'generated.ts'), Array.from({ length: 20_000 }, (_, i) => `register('handler-${i}', () => process.env.FLAG_${i % 50});`).join('\n'));
  writeFileSync(path.join(root, 'logger.ts'), "import fs from 'node:fs';\nexport const out = fs.createWriteStream('/var/log/app.log');\n");

  it('a file over the budget is reported as skipped, contributes nothing, and the rest of the tree is audited', async () => {
    const r = await audit({ root, rules, fileTimeBudget: 1, concurrency: 1 });
    const onGenerated = r.findings.filter((f) => f.file === 'generated.ts');
    expect(onGenerated.map((f) => f.ruleId)).toEqual(['file-skipped']);
    expect(onGenerated[0]!.message).toMatch(/longer than the 1 ms per-file time budget/);
    // logger.ts is small; it may or may not fit in 1 ms on a loaded machine, but it is never lost silently.
    const onLogger = r.findings.filter((f) => f.file === 'logger.ts').map((f) => f.ruleId);
    expect(onLogger.includes('logs/file-logging') || onLogger.includes('file-skipped')).toBe(true);
  });

  it('the default budget leaves ordinary files alone, and a skipped file is not cached', async () => {
    const r = await audit({ root, rules, concurrency: 1 });
    expect(r.findings.filter((f) => f.ruleId === 'file-skipped')).toEqual([]);
    const cacheLocation = path.join(root, 'cache.json');
    await audit({ root, rules, fileTimeBudget: 1, concurrency: 1, cacheLocation });
    const again = await audit({ root, rules, concurrency: 1, cacheLocation });
    expect(again.findings.filter((f) => f.ruleId === 'file-skipped')).toEqual([]);
    expect(again.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`));
  });
});
