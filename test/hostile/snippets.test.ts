// Class: source snippets (HTML report) never show a secret whose value is not on the key's line:
// YAML block scalars (`|`, `>-`), folded compose and Kubernetes values, quoted multi-line .env values.
// The value's whole span is redacted, not only the line the finding points at.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { valueEnd } from '../../src/reporters/sources.js';
import { removeDir, runCli, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Not a token shape (spaces and symbols): only its place says it is a secret. */
const VALUES = ['Tr0ub4&dor!Qz9#xL mango', 'Vq7&Lp2!Rz8#Wm4 kiwi', 'Hs5&Jd3!Kf9#Ng1 plum', 'Ye6&Ut4!Io2#Pa8 lime'];

describe('snippets: multi-line secret values', () => {
  it('the HTML report shows none of them', async () => {
    const root = tempDir('snippets');
    dirs.push(root);
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    writeFileSync(path.join(root, 'config.yml'), `app:\n  db_password: |\n    ${VALUES[0]}\n  name: demo\n`);
    writeFileSync(path.join(root, 'compose.yml'), `services:\n  api:\n    image: node:latest\n    environment:\n      DB_PASSWORD: >-\n        ${VALUES[1]}\n      LOG_LEVEL: info\n`);
    writeFileSync(path.join(root, 'deploy.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  api_token: >\n    ${VALUES[2]}\n`);
    writeFileSync(path.join(root, '.env'), `SECRET_KEY="first line\n${VALUES[3]}"\nPORT=3000\n`);
    const out = path.join(root, 'report.html');
    const r = await runCli([root, '--format', 'html', '-o', out]);
    expect([0, 1]).toContain(r.code);
    const html = readFileSync(out, 'utf8');
    for (const v of VALUES) for (const word of v.split(' ')) expect(html.includes(word), word).toBe(false);
  });

  it('valueEnd: block scalars, open quotes, and single-line values', () => {
    const lines = ['a:', '  key: |', '    one', '', '    two', '  next: 1', 'K="x', 'y"', 'plain: 1'];
    expect(valueEnd(lines, 2)).toBe(5);
    expect(valueEnd(lines, 7)).toBe(8);
    expect(valueEnd(lines, 9)).toBe(9);
    expect(valueEnd(['K="closed" # "x'], 1)).toBe(1);
  });
});
