import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, makeRepo } from './helpers.js';
import { rules } from '../../rules/index.js';
import { FACTOR_TITLES } from '../../src/rule-api/types.js';
import { presetSeverity } from '../../src/config/resolve.js';
import { ruleTargets } from '../../src/discovery/file-kinds.js';

const k8sDeployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: node:20.11-alpine3.19\n`;

describe('rules', () => {
  it('prints one line per rule: id, factor, default severity, targets', async () => {
    const r = await cli(['rules'], '/');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.split(/ {2,}/));
    // The column shows both presets where they differ: info rules become warnings under strict, and
    // the rules that did not earn recommended on the accuracy corpus are off there.
    const severity = (rule: (typeof rules)[number]) => {
      const recommended = presetSeverity(rule, 'recommended');
      const strict = presetSeverity(rule, 'strict');
      return recommended === strict ? recommended : `${recommended} (strict: ${strict})`;
    };
    expect(lines).toEqual(rules.map((rule) => [rule.id, FACTOR_TITLES[rule.factor], severity(rule), ruleTargets(rule).join(',')]));
  });

  it('--format json', async () => {
    const r = await cli(['rules', '--format', 'json'], '/');
    const list = JSON.parse(r.stdout) as Array<{ id: string; factor: string; severity: string; targets: string[]; docs: string }>;
    expect(list.map((x) => x.id)).toEqual(rules.map((x) => x.id));
    expect(list.find((x) => x.id === 'build-release-run/unpinned-image')).toMatchObject({
      factor: 'build-release-run',
      severity: 'error',
      strictSeverity: 'error',
      targets: ['dockerfile', 'compose', 'k8s', 'xf'],
      docs: 'docs/rules/build-release-run/unpinned-image.md',
    });
  });

  it('rejects an unknown option with exit 2', async () => {
    expect(await cli(['rules', '--format', 'xml'], '/')).toMatchObject({ code: 2 });
  });
});

describe('explain', () => {
  const page = readFileSync(path.resolve(import.meta.dirname, '../../docs/rules/build-release-run/unpinned-image.md'), 'utf8');
  // The page less the comment markers around its generated measured line (accuracy/rule-pages.ts).
  const shown = page.replace(/^<!-- evidence:(begin|end) -->\n/gm, '');
  it('prints the docs page of a rule, by id or by name', async () => {
    expect(shown).not.toBe(page);
    expect(shown).toContain('Measured now over the');
    expect(await cli(['explain', 'build-release-run/unpinned-image'], '/')).toEqual({ code: 0, stdout: shown, stderr: '' });
    expect((await cli(['explain', 'unpinned-image'], '/')).stdout).toBe(shown);
  });

  it('names the closest rule when the id is wrong', async () => {
    expect(await cli(['explain', 'build-release-run/unpined-image'], '/')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'twelve-factor-audit explain: unknown rule "build-release-run/unpined-image"; did you mean "build-release-run/unpinned-image"?\n',
    });
    expect((await cli(['explain'], '/')).code).toBe(2);
  });
});

describe('init', () => {
  it('writes a commented config with the environments it infers, which then loads, and refuses to overwrite', async () => {
    const dir = makeRepo({
      'docker-compose.yml': 'services:\n  web:\n    image: node:20.11-alpine3.19\n',
      'docker-compose.override.yml': 'services:\n  web:\n    volumes: [".:/app"]\n',
      'compose.prod.yaml': 'services:\n  web:\n    image: node:20.11-alpine3.19\n',
      'ci/docker-compose.test.yml': 'services:\n  web:\n    image: node:20.11-alpine3.19\n',
      'k8s/base/deployment.yaml': k8sDeployment('base'),
      'k8s/overlays/dev/deployment.yaml': k8sDeployment('dev'),
      'k8s/overlays/production/deployment.yaml': k8sDeployment('prod'),
      'config/settings.yaml': 'level: debug\n',
    });
    const r = await cli(['init'], dir);
    expect(r).toEqual({ code: 0, stdout: 'wrote .twelve-factor.yml (5 environment file(s)/folder(s) inferred)\n', stderr: '' });
    const text = readFileSync(path.join(dir, '.twelve-factor.yml'), 'utf8');
    expect(parseYaml(text)).toEqual({
      extends: 'recommended',
      rules: {},
      ignore: [],
      environments: {
        development: ['docker-compose.override.yml', 'k8s/overlays/dev/'],
        test: ['ci/docker-compose.test.yml'],
        production: ['compose.prod.yaml', 'k8s/overlays/production/'],
      },
    });
    expect(text).toContain('# Not classified by name (add them above where they belong):\n#   - docker-compose.yml\n#   - k8s/base/\n');
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(15);

    // The written file is a valid config: the audit runs with it.
    expect((await cli(['--format', 'json'], dir)).code).toBe(0);

    expect(await cli(['init'], dir)).toEqual({ code: 2, stdout: '', stderr: 'twelve-factor-audit init: .twelve-factor.yml already configures this folder; not overwriting it\n' });
    expect(readFileSync(path.join(dir, '.twelve-factor.yml'), 'utf8')).toBe(text);
  });

  it('with nothing to infer, leaves environments as a commented example', async () => {
    const dir = makeRepo({ 'src/a.ts': 'export const a = 1;\n' });
    expect((await cli(['init', '.'], dir)).stdout).toBe('wrote .twelve-factor.yml\n');
    const text = readFileSync(path.join(dir, '.twelve-factor.yml'), 'utf8');
    expect(parseYaml(text)).toEqual({ extends: 'recommended', rules: {}, ignore: [] });
    expect(text).toContain('# environments:\n#   development: [docker-compose.override.yml]\n');
  });
});

describe('schema config', () => {
  it('prints the JSON Schema the config is validated against, with every rule id', async () => {
    const r = await cli(['schema', 'config'], '/');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.rules.properties)).toEqual(rules.map((x) => x.id));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ extends: 'strict', rules: { 'logs/file-logging': 'warning' }, overrides: [{ files: 'scripts/**', rules: { 'logs/file-logging': 'off' } }] })).toBe(true);
    expect(validate({ rules: { 'logs/file-loging': 'warning' } })).toBe(false);
  });

  it('needs a schema name', async () => {
    expect((await cli(['schema', 'other'], '/')).code).toBe(2);
  });
});
