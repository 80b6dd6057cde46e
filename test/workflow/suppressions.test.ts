import { describe, expect, it } from 'vitest';
import { findings, makeRepo, TOKEN } from './helpers.js';
import { scanDirectives } from '../../src/engine/suppressions.js';

const secret = (name: string) => `export const ${name} = "${TOKEN}";`;

describe('scanDirectives', () => {
  it('reads the rule list and the reason, in TS comments and after #', () => {
    expect(scanDirectives(`a();\n// twelve-factor-disable-next-line config/hardcoded-secret, logs/file-logging -- test key\nb();`, 'ts')).toEqual([
      { type: 'disable-next-line', rules: ['config/hardcoded-secret', 'logs/file-logging'], reason: 'test key', line: 2, column: 1 },
    ]);
    expect(scanDirectives(`x(); /* twelve-factor-disable-line */`, 'ts')).toEqual([{ type: 'disable-line', rules: [], line: 1, column: 6 }]);
    expect(scanDirectives(`FROM node # twelve-factor-disable-line build-release-run/unpinned-image -- base image pinned by CI`, 'dockerfile')).toEqual([
      { type: 'disable-line', rules: ['build-release-run/unpinned-image'], reason: 'base image pinned by CI', line: 1, column: 11 },
    ]);
  });

  it('ignores the words outside comments and in files without comments', () => {
    expect(scanDirectives(`url: http://x/#twelve-factor-disable-line`, 'yaml')).toEqual([]);
    expect(scanDirectives(`{"a": "# twelve-factor-disable-line"}`, 'json')).toEqual([]);
    expect(scanDirectives(`const s = "twelve-factor-disable-line";`, 'ts')).toEqual([]);
  });
});

describe('inline suppressions through the CLI', () => {
  it('disable-next-line, disable-line and blocks hide exactly the findings they name', async () => {
    const dir = makeRepo({
      'src/a.ts': [
        secret('a1'), // 1: reported
        '// twelve-factor-disable-next-line config/hardcoded-secret -- fixture key for the e2e test',
        secret('a3'), // 3: suppressed
        `${secret('a4')} // twelve-factor-disable-line config/hardcoded-secret`, // 4: suppressed
        '/* twelve-factor-disable config/hardcoded-secret */',
        secret('a6'), // 6: suppressed
        secret('a7'), // 7: suppressed
        '/* twelve-factor-enable */',
        secret('a9'), // 9: reported
        '// twelve-factor-disable-next-line logs/file-logging',
        secret('a11'), // 11: reported (another rule named)
        '',
      ].join('\n'),
    });
    const r = await findings([], dir);
    expect(r.list).toEqual(['error config/hardcoded-secret src/a.ts:1', 'error config/hardcoded-secret src/a.ts:9', 'error config/hardcoded-secret src/a.ts:11']);
    expect(r.code).toBe(1);
  });

  it('a directive with no rule list disables every rule on its line', async () => {
    const dir = makeRepo({ 'src/a.ts': `// twelve-factor-disable-next-line -- generated file\n${secret('a')}\n` });
    expect(await findings([], dir)).toMatchObject({ code: 0, list: [] });
  });

  it('works after # in Dockerfile, compose YAML and .env files', async () => {
    const dir = makeRepo({
      Dockerfile: '# twelve-factor-disable-next-line build-release-run/unpinned-image -- local tooling image\nFROM node\nFROM alpine\n',
      // The project's own images: a compose file of only backing services (redis, postgres) is a dev set-up.
      'compose.yml': 'services:\n  worker:\n    image: acme/worker # twelve-factor-disable-line build-release-run/unpinned-image\n  api:\n    image: acme/api\n',
      '.env': `# twelve-factor-disable-next-line config/hardcoded-secret -- throwaway sandbox token\nGITHUB_TOKEN=${TOKEN}\nOTHER_TOKEN=${TOKEN}\n`,
    });
    const r = await findings([], dir);
    expect(r.list).toEqual([
      'error config/hardcoded-secret .env:3',
      'error build-release-run/unpinned-image Dockerfile:3',
      'error build-release-run/unpinned-image compose.yml:5',
    ]);
  });

  it('a directive naming an unknown rule is an error that names the closest id', async () => {
    const dir = makeRepo({ 'src/a.ts': `// twelve-factor-disable-next-line config/hardcoded-secrets -- typo\n${secret('a')}\n` });
    const r = await findings([], dir);
    expect(r.list).toEqual(['error unknown-rule src/a.ts:1', 'error config/hardcoded-secret src/a.ts:2']);
  });

  it('--report-unused-disable-directives reports directives (and rules of a directive) that suppressed nothing', async () => {
    const dir = makeRepo({
      'src/a.ts': [
        '// twelve-factor-disable-next-line config/hardcoded-secret, disposability/swallowed-fatal-error -- key and handler',
        secret('a'),
        '// twelve-factor-disable-next-line config/hardcoded-secret -- nothing here',
        'export const b = 1;',
        '',
      ].join('\n'),
    });
    expect((await findings([], dir)).list).toEqual([]);
    const r = await findings(['--report-unused-disable-directives'], dir);
    expect(r.list).toEqual(['error unused-disable-directive src/a.ts:1', 'error unused-disable-directive src/a.ts:3']);
    expect(r.code).toBe(1);
  });

  it('--require-reason makes a directive without "-- reason" a finding', async () => {
    const dir = makeRepo({ 'src/a.ts': `// twelve-factor-disable-next-line config/hardcoded-secret\n${secret('a')}\n// twelve-factor-disable-next-line config/hardcoded-secret -- fixture\n${secret('b')}\n` });
    expect(await findings([], dir)).toMatchObject({ code: 0, list: [] });
    expect(await findings(['--require-reason'], dir)).toMatchObject({ code: 1, list: ['error missing-disable-reason src/a.ts:1'] });
  });

  it('engine diagnostics are not suppressible', async () => {
    const dir = makeRepo({ 'compose.yml': '# twelve-factor-disable\nservices: [\n', 'src/a.ts': 'export const a = 1;\n' });
    const r = await findings([], dir);
    expect(r.list).toEqual(['warning parse-error compose.yml:3']);
  });
});
