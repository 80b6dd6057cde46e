import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, findings, makeRepo, TOKEN, writeFiles } from './helpers.js';
import { loadConfig } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { matchConfigGlob, rebaseConfigGlob } from '../../src/util/glob/index.js';
import { audit } from '../../src/engine/audit.js';
import { defineRule, type RuleDefinition } from '../../src/rule-api/types.js';
import { rules } from '../../rules/index.js';

const secretTs = `export const token = "${TOKEN}";\n`;
const base = { 'src/a.ts': secretTs, Dockerfile: 'FROM node\n' };

describe('config file discovery', () => {
  it.each([
    ['.twelve-factor.yml', 'rules:\n  config/hardcoded-secret: off\n'],
    ['.twelve-factor.yaml', 'rules: { config/hardcoded-secret: off }\n'],
    ['.twelve-factor.json', '{"rules": {"config/hardcoded-secret": "off"}}'],
    ['twelve-factor.config.json', '{"rules": {"config/hardcoded-secret": ["off"]}}'],
    ['package.json', '{"name": "x", "twelveFactor": {"rules": {"config/hardcoded-secret": "off"}}}'],
  ])('reads %s', async (name, text) => {
    const dir = makeRepo({ ...base, [name]: text });
    expect(await findings([], dir)).toMatchObject({ code: 1, list: ['error build-release-run/unpinned-image Dockerfile:1'] });
  });

  it('is found from the scanned folder upward, and not above the git work tree', async () => {
    const dir = makeRepo({ '.twelve-factor.yml': 'rules:\n  build-release-run/unpinned-image: warning\n', 'services/api/Dockerfile': 'FROM node\n' });
    expect((await findings(['services/api'], dir)).list).toEqual(['warning build-release-run/unpinned-image Dockerfile:1']);
    writeFiles(dir, { 'services/api/.git/HEAD': 'ref: refs/heads/main\n' });
    expect((await findings(['services/api'], dir)).list).toEqual(['error build-release-run/unpinned-image Dockerfile:1']);
  });

  it('refuses two configs in one folder', async () => {
    const dir = makeRepo({ ...base, '.twelve-factor.yml': 'extends: strict\n', '.twelve-factor.json': '{}' });
    const r = await cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`twelve-factor-audit: ${dir}: more than one config (.twelve-factor.yml, .twelve-factor.json); keep one of them\n`);
  });

  it('--config names the file explicitly', async () => {
    const dir = makeRepo({ ...base, 'ci/tfa.yml': 'rules:\n  build-release-run/unpinned-image: off\n' });
    expect((await findings(['--config', 'ci/tfa.yml'], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:1']);
  });
});

describe('a bad config is one line that says what to change (exit 2)', () => {
  const cases: Array<[string, string, string]> = [
    ['.twelve-factor.yml', 'extends: recommended\nrulez: {}\n', '.twelve-factor.yml:2:1: rulez: unknown key "rulez"; allowed: $schema, extends, rules, ignore, overrides, environments, entrypoints, plugins'],
    ['.twelve-factor.yml', 'extends: strictest\n', '.twelve-factor.yml:1:10: extends: found "strictest"; allowed: recommended, strict'],
    ['.twelve-factor.yml', 'rules:\n  config/hardcoded-secrt: off\n', '.twelve-factor.yml:2:3: rules["config/hardcoded-secrt"]: unknown rule id "config/hardcoded-secrt"; did you mean "config/hardcoded-secret"?'],
    ['.twelve-factor.yml', 'rules:\n  logs/file-logging: warn\n', '.twelve-factor.yml:2:22: rules["logs/file-logging"]: found "warn"; allowed: off, info, warning, error, or [severity, options]'],
    ['.twelve-factor.yml', 'rules:\n  logs/file-logging: [error, {level: 1}]\n', '.twelve-factor.yml:2:30: rules["logs/file-logging"][1]: found a mapping; logs/file-logging takes no options'],
    ['.twelve-factor.yml', 'ignore: dist\n', '.twelve-factor.yml:1:9: ignore: found "dist"; expected array'],
    ['.twelve-factor.yml', 'overrides:\n  - files: ["scripts/**"]\n    rules:\n      logs/file-logging: [warning, {}]\n', '.twelve-factor.yml:4:7: overrides[0].rules["logs/file-logging"]: found an array; overrides set a severity only (off, info, warning, error): set options under the top-level rules'],
    ['.twelve-factor.yml', 'environments:\n  staging: [k8s/staging]\n', '.twelve-factor.yml:2:3: environments.staging: unknown key "staging"; allowed: development, test, production'],
    ['.twelve-factor.yml', 'rules: [\n', '.twelve-factor.yml:2:1: cannot parse the config file: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['package.json', '{"name": "x",\n "twelveFactor": {"extends": 1}}', 'package.json:2:30: twelveFactor.extends: found 1; allowed: recommended, strict'],
  ];
  it.each(cases)('%s: %s', async (name, text, message) => {
    const dir = makeRepo({ ...base, [name]: text });
    const r = await cli([], dir);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 2, stderr: `twelve-factor-audit: ${message}\n`, stdout: '' });
  });

  it('options are checked against the rule\'s own schema, with the key path into them', () => {
    const withOptions = defineRule({
      id: 'logs/with-options',
      factor: 'logs',
      severity: 'warning',
      targets: ['ts'],
      docs: { description: 'test rule', remediation: 'none' },
      optionsSchema: { type: 'object', additionalProperties: false, properties: { names: { type: 'array', items: { type: 'string' } } } },
      checkProject: () => {},
    });
    const dir = makeRepo({ '.twelve-factor.yml': 'rules:\n  logs/with-options: [error, {names: [1]}]\n' });
    expect(() => loadConfig(dir, [withOptions], { cwd: dir })).toThrow('.twelve-factor.yml:2:39: rules["logs/with-options"][1].names[0]: found 1; expected string');
    writeFiles(dir, { '.twelve-factor.yml': 'rules:\n  logs/with-options: [error, {names: [LOG_FILE]}]\n' });
    const loaded = loadConfig(dir, [withOptions], { cwd: dir });
    expect(resolveConfig(loaded, [withOptions], dir).ruleSettings['logs/with-options']).toEqual({ severity: 'error', options: { names: ['LOG_FILE'] } });
  });

  it('refuses JavaScript config', async () => {
    const dir = makeRepo({ ...base, 'tfa.config.js': 'module.exports = {}' });
    const r = await cli(['--config', 'tfa.config.js'], dir);
    expect(r).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: tfa.config.js: JavaScript config files are not supported (a config must be data); use .twelve-factor.yml or .twelve-factor.json\n' });
  });
});

describe('config keys', () => {
  it('rules: a severity changes the finding and the exit code', async () => {
    const dir = makeRepo({ ...base, '.twelve-factor.yml': 'rules:\n  config/hardcoded-secret: warning\n  build-release-run/unpinned-image: info\n' });
    expect(await findings([], dir)).toMatchObject({ code: 0, list: ['info build-release-run/unpinned-image Dockerfile:1', 'warning config/hardcoded-secret src/a.ts:1'] });
    expect((await findings(['--fail-on', 'warning'], dir)).code).toBe(1);
  });

  it('ignore: globs relative to the config file keep files out of the audit', async () => {
    const dir = makeRepo({ ...base, 'legacy/old.ts': secretTs, 'src/gen/x.ts': secretTs, '.twelve-factor.yml': 'ignore:\n  - legacy\n  - src/gen/**\n  - Dockerfile\n' });
    expect((await findings([], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:1']);
  });

  it('ignore: globs still apply when the scanned folder is below the config file', async () => {
    const dir = makeRepo({ 'svc/src/a.ts': secretTs, 'svc/legacy/b.ts': secretTs, '.twelve-factor.yml': 'ignore:\n  - svc/legacy/**\n' });
    expect((await findings(['svc'], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:1']);
  });

  it('overrides: the last matching override decides, and can turn a rule on for some files only', async () => {
    const dir = makeRepo({
      ...base,
      'scripts/seed.ts': secretTs,
      'test/setup.ts': secretTs,
      'docker/Dockerfile.dev': 'FROM node\n',
      '.twelve-factor.yml': [
        'rules:',
        '  build-release-run/unpinned-image: off',
        'overrides:',
        '  - files: ["scripts/**", "test/**"]',
        '    rules: { config/hardcoded-secret: warning }',
        '  - files: test/**',
        '    rules: { config/hardcoded-secret: off }',
        '  - files: [Dockerfile]',
        '    rules: { build-release-run/unpinned-image: error }',
        '',
      ].join('\n'),
    });
    expect((await findings([], dir)).list).toEqual([
      'error build-release-run/unpinned-image Dockerfile:1',
      'warning config/hardcoded-secret scripts/seed.ts:1',
      'error config/hardcoded-secret src/a.ts:1',
    ]);
  });

  it('extends strict: info rules become warnings, strict-only rules run', async () => {
    const mk = (id: string, severity: 'info' | 'warning', presets?: RuleDefinition['presets']): RuleDefinition =>
      defineRule({
        id,
        factor: 'build-release-run',
        severity,
        ...(presets ? { presets } : {}),
        targets: ['dockerfile'],
        docs: { description: id, remediation: 'none' },
        create: () => ({ dockerfile: (_f, ctx) => ctx.report({ loc: { file: ctx.path, line: 1, column: 1 }, message: id }) }),
      });
    const testRules = [mk('build-release-run/info-rule', 'info'), mk('build-release-run/image-not-digest-pinned', 'info', { recommended: 'off', strict: 'warning' })];
    const dir = makeRepo({ Dockerfile: 'FROM node:20.11-alpine\n' });
    const severities = async (text: string | null) => {
      if (text !== null) writeFiles(dir, { '.twelve-factor.yml': text });
      const cfg = resolveConfig(loadConfig(dir, testRules, { cwd: dir }), testRules, dir);
      const result = await audit({ root: dir, rules: testRules, ruleSettings: cfg.ruleSettings });
      return result.findings.map((f) => `${f.severity} ${f.ruleId}`);
    };
    expect(await severities(null)).toEqual(['info build-release-run/info-rule']);
    expect(await severities('extends: strict\n')).toEqual(['warning build-release-run/image-not-digest-pinned', 'warning build-release-run/info-rule']);
    expect(await severities('extends: strict\nrules:\n  build-release-run/info-rule: off\n')).toEqual(['warning build-release-run/image-not-digest-pinned']);
  });

  it('environments and entrypoints reach the project model', async () => {
    let seen: unknown;
    const probe = defineRule({
      id: 'dev-prod-parity/probe',
      factor: 'dev-prod-parity',
      severity: 'info',
      targets: ['xf'],
      docs: { description: 'probe', remediation: 'none' },
      checkProject: (model) => {
        seen = {
          entrypoints: model.entrypoints().map((e) => `${e.file} (${e.reason})`),
          envs: ['compose.yml', 'compose.dev.yml', 'deploy/k8s/dev/app.yaml', 'deploy/k8s/prod/app.yaml'].map((f) => model.environmentOf(f)),
        };
      },
    });
    const dir = makeRepo({
      'svc/src/main.ts': 'export const x = 1;\n',
      'svc/src/other.ts': 'export const y = 1;\n',
      '.twelve-factor.yml': 'environments:\n  development: ["compose.dev.yml", svc/deploy/k8s/dev]\n  production: ["**"]\nentrypoints: [svc/src/main.ts]\n',
    });
    const cfg = resolveConfig(loadConfig(path.join(dir, 'svc'), [probe], { cwd: dir }), [probe], path.join(dir, 'svc'));
    await audit({ root: path.join(dir, 'svc'), rules: [probe], settings: cfg.settings });
    expect(seen).toEqual({ entrypoints: ['src/main.ts (configured in entrypoints)'], envs: ['prod', 'dev', 'dev', 'prod'] });
  });
});

describe('globs', () => {
  it.each([
    ['*.test.ts', 'src/a.test.ts', true],
    ['*.test.ts', 'a.test.ts', true],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/x/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['k8s/dev', 'k8s/dev/deploy.yaml', true],
    ['k8s/dev', 'k8s/development/deploy.yaml', false],
    ['/Dockerfile', 'Dockerfile', true],
    ['/Dockerfile', 'svc/Dockerfile', false],
    ['Dockerfile', 'svc/Dockerfile', true],
    ['compose.{dev,test}.yml', 'compose.test.yml', true],
    ['compose.{dev,test}.yml', 'compose.prod.yml', false],
    ['file?.ts', 'file1.ts', true],
    ['a.b', 'axb', false],
    ['src/**', 'src', true],
    ['**', 'a/b/c.ts', true],
    ['**/x/**/y', 'x/y', true],
    ['**/x/**/y', 'a/x/b/c/y/z.ts', true],
    ['[a-c]?.ts', 'b1.ts', true],
    ['[!a-c]?.ts', 'b1.ts', false],
    ['{a,{b,c}}.ts', 'c.ts', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
  ])('%s ~ %s = %s', (pattern, file, expected) => {
    expect(matchConfigGlob(pattern, file)).toBe(expected);
  });

  it('rebases patterns to a scanned folder below the config file', () => {
    expect(rebaseConfigGlob('svc/legacy/**', 'svc')).toEqual(['/legacy/**']);
    expect(rebaseConfigGlob('*/legacy', 'svc')).toEqual(['/legacy']);
    expect(rebaseConfigGlob('other/legacy/**', 'svc')).toEqual([]);
    expect(rebaseConfigGlob('**/gen/**', 'svc')).toEqual(['**/gen/**']);
    expect(rebaseConfigGlob('*.gen.ts', 'svc')).toEqual(['*.gen.ts']);
    expect(rebaseConfigGlob('svc', 'svc')).toEqual(['**']);
    expect(rebaseConfigGlob('{svc,web}/gen', 'svc/x')).toEqual([]);
    expect(rebaseConfigGlob('{svc,web}/gen', 'svc')).toEqual(['/gen']);
    expect(rebaseConfigGlob('svc', 'a/b')).toEqual(['svc']);
  });

  it('hostile patterns stay fast (no backtracking regex)', () => {
    const path = `${'a/'.repeat(60)}${'a'.repeat(200)}`;
    const started = Date.now();
    expect(matchConfigGlob(`${'**/'.repeat(40)}*${'a*'.repeat(40)}b`, path)).toBe(false);
    expect(matchConfigGlob('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}', 'abababababab')).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('every registered rule id is accepted by the config', () => {
    const dir = makeRepo({ '.twelve-factor.yml': `rules:\n${rules.map((r) => `  ${r.id}: warning`).join('\n')}\n` });
    expect(loadConfig(dir, rules, { cwd: dir })?.data.rules).toBeDefined();
  });
});

describe('auditing a repository you do not trust', () => {
  it('--no-config ignores its config file and --no-inline-config its suppression comments', async () => {
    const dir = makeRepo({
      '.twelve-factor.yml': 'rules:\n  config/hardcoded-secret: off\n',
      'src/a.ts': `// twelve-factor-disable-next-line build-release-run/unpinned-image\n${secretTs}`,
      Dockerfile: 'FROM node # twelve-factor-disable-line\n',
    });
    expect((await findings([], dir)).list).toEqual([]);
    expect((await findings(['--no-config'], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:2']);
    expect((await findings(['--no-config', '--no-inline-config'], dir)).list).toEqual(['error build-release-run/unpinned-image Dockerfile:1', 'error config/hardcoded-secret src/a.ts:2']);
  });
});

describe('environments decide what a file is for, for every rule and for `model`', () => {
  // A compose file that the config declares development: the per-file rule that reports source
  // bind mounts in release set-ups must stay silent there, and `model` must label it dev.
  const stack = 'services:\n  api:\n    build: .\n    volumes:\n      - ./src:/app/src\n';
  const project = { 'deploy/stack.yml': stack, 'package.json': '{"name":"r","version":"1.0.0"}', 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' };

  it('without the config, the bind mount in deploy/stack.yml is reported', async () => {
    const dir = makeRepo(project);
    expect((await findings(['--preset', 'strict'], dir)).list).toContain('warning build-release-run/source-bind-mount deploy/stack.yml:5');
  });

  it('with environments.development naming it, no rule reports it and `model` says dev', async () => {
    const dir = makeRepo({ ...project, '.twelve-factor.yml': 'environments:\n  development: [deploy/stack.yml]\n' });
    expect((await findings([], dir)).list.filter((l) => l.includes('deploy/stack.yml'))).toEqual([]);
    const model = await cli(['model', dir], dir);
    expect(model.code).toBe(0);
    expect(model.stdout).toContain('deploy/stack.yml: dev (configured: environments.development)');
    expect(model.stdout).toMatch(/compose service api .*\[dev\]/);
  });
});
