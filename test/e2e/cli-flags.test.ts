// The command line as people already use linters: rule selection, --max-warnings, --print-config,
// colour from the environment, a closed pipe, one-line usage errors with the choices or a
// did-you-mean, output to devices and new folders. In-process where the behaviour is the CLI's own;
// the built bin (npm test builds first) where it is the process's (pipes, environment, devices).

import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseReport, ROOT, VIOLATING_APP } from './helpers.js';
import { copyApp, SAMPLE_APP, tempDir } from '../reporters/helpers.js';

const BIN = path.join(ROOT, 'bin', 'twelve-factor-audit.js');

function bin(args: string[], opts: { cwd?: string; env?: Record<string, string>; shell?: string } = {}) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env };
  if (opts.shell) return spawnSync('bash', ['-c', opts.shell], { cwd: opts.cwd ?? ROOT, env: { ...env, BIN }, encoding: 'utf8' });
  return spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
}

const ruleIds = (stdout: string) => [...new Set(parseReport(stdout).findings.map((f) => f.ruleId))].sort();

describe('rule selection', () => {
  it('--only runs the named rules and factors, --skip the rest, --kind by file kind', async () => {
    const only = await cli([VIOLATING_APP, '-f', 'json', '--only', 'config/hardcoded-secret,logs']);
    expect(ruleIds(only.stdout).every((id) => id === 'config/hardcoded-secret' || id.startsWith('logs/'))).toBe(true);
    expect(ruleIds(only.stdout)).toContain('config/hardcoded-secret');

    const all = ruleIds((await cli([VIOLATING_APP, '-f', 'json'])).stdout);
    const skipped = ruleIds((await cli([VIOLATING_APP, '-f', 'json', '--skip', 'config', '--skip', 'unpinned-image'])).stdout);
    expect(skipped).toEqual(all.filter((id) => !id.startsWith('config/') && id !== 'build-release-run/unpinned-image'));

    const docker = parseReport((await cli([VIOLATING_APP, '-f', 'json', '--kind', 'dockerfile'])).stdout);
    expect(docker.findings.length).toBeGreaterThan(0);
    expect(docker.findings.some((f) => f.file === 'Dockerfile')).toBe(true);
    expect(docker.findings.every((f) => f.file !== 'src/server.ts' || f.ruleId.startsWith('port-binding/'))).toBe(true);
  });

  it('--rule sets a severity for the run, or turns a rule off', async () => {
    const off = await cli([VIOLATING_APP, '-f', 'json', '--rule', 'config/hardcoded-secret:off']);
    expect(ruleIds(off.stdout)).not.toContain('config/hardcoded-secret');
    const info = parseReport((await cli([VIOLATING_APP, '-f', 'json', '--rule', 'unpinned-image:info'])).stdout);
    const pinned = info.findings.filter((f) => f.ruleId === 'build-release-run/unpinned-image');
    expect(pinned.length).toBeGreaterThan(0);
    expect(pinned.every((f) => f.severity === 'info')).toBe(true);
  });

  it('refuses a rule, factor, kind or severity that does not exist, with the closest one', async () => {
    const cases: [string[], string][] = [
      [['--only', 'hardcoded-secrt'], 'twelve-factor-audit: --only "hardcoded-secrt": no rule or factor has that name; did you mean "config/hardcoded-secret"?\n'],
      [['--skip', 'confg'], 'twelve-factor-audit: --skip "confg": no rule or factor has that name; did you mean "config"?\n'],
      [['--kind', 'dockerfil'], 'twelve-factor-audit: --kind "dockerfil" is not one of: ts, dockerfile, compose, k8s, package-json, env, procfile, json-yaml, prisma, repo, xf; did you mean "dockerfile"?\n'],
      [['--rule', 'config/hardcoded-secret:critical'], 'twelve-factor-audit: --rule config/hardcoded-secret:critical: "critical" is not one of: off, info, warning, error\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli([VIOLATING_APP, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(stderr);
    }
  });
});

describe('exit codes and settings', () => {
  it('--max-warnings N exits 1 above N warnings, even under --fail-on never', async () => {
    const report = parseReport((await cli([VIOLATING_APP, '-f', 'json'])).stdout);
    const warnings = report.summary.warnings;
    expect(warnings).toBeGreaterThan(0);
    const over = await cli([VIOLATING_APP, '--fail-on', 'never', '--max-warnings', String(warnings - 1)]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`${warnings} warnings, more than --max-warnings ${warnings - 1}`);
    expect((await cli([VIOLATING_APP, '--fail-on', 'never', '--max-warnings', String(warnings)])).code).toBe(0);
    const bad = await cli([VIOLATING_APP, '--max-warnings', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('twelve-factor-audit: --max-warnings needs a whole number of warnings (0 or more), e.g. --max-warnings 0\n');
  });

  it('--print-config shows what applies to one file: config overrides and --rule', async () => {
    const app = copyApp(SAMPLE_APP);
    writeFileSync(path.join(app, '.twelve-factor.yml'), 'ignore: ["legacy/**"]\noverrides:\n  - files: ["src/**"]\n    rules:\n      logs/file-logging: "off"\n');
    const r = await cli([app, '--print-config', path.join(app, 'src', 'server.ts'), '--rule', 'config/hardcoded-secret:warning'], app);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { file: string; configFile: string; ignored: boolean; rules: Record<string, { severity: string }> };
    expect(printed.file).toBe('src/server.ts');
    expect(printed.configFile).toBe('.twelve-factor.yml');
    expect(printed.ignored).toBe(false);
    expect(printed.rules['logs/file-logging']!.severity).toBe('off');
    expect(printed.rules['config/hardcoded-secret']!.severity).toBe('warning');
    const legacy = JSON.parse((await cli([app, '--print-config', 'legacy/old.ts'], app)).stdout) as { ignored: boolean };
    expect(legacy.ignored).toBe(true);
    const outside = await cli([app, '--print-config', '/etc/hostname'], app);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^twelve-factor-audit: --print-config \/etc\/hostname: not a file inside the audited folder/);
  });
});

describe('usage errors: one line, the choices, a did-you-mean', () => {
  const cases: [string[], string][] = [
    [['--fail-on'], '--fail-on needs a value: error, warning, info, never'],
    [['--fail-on='], '--fail-on needs a value: error, warning, info, never'],
    [['--fail-on', 'critical'], '--fail-on "critical" is not one of: error, warning, info, never'],
    [['--format'], '--format needs a value: stylish, json, sarif, junit, gitlab, github, markdown, html'],
    [['-f', 'jsn'], '--format "jsn" is not one of: stylish, json, sarif, junit, gitlab, github, markdown, html; did you mean "json"?'],
    [['--fromat', 'json'], 'unknown option --fromat; did you mean --format? (--help lists the options)'],
    [['--max-warnigns', '0'], 'unknown option --max-warnigns; did you mean --max-warnings? (--help lists the options)'],
    [['--output'], '--output needs a value'],
    [['--cache-strategy', 'mtime'], '--cache-strategy "mtime" is not one of: metadata, content'],
    [['schema', 'foo'], 'schema "foo" is not one of: report, dashboard, config'],
    [['dashboard'], 'dashboard needs one or more JSON reports: twelve-factor-audit dashboard reports/*.json (write each with --format json -o report.json)'],
  ];
  for (const [args, message] of cases) {
    it(`twelve-factor-audit ${args.join(' ')}`, async () => {
      // The folder first: a flag at the end has no value after it.
      const r = await cli(args[0] === 'schema' || args[0] === 'dashboard' ? args : [VIOLATING_APP, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`twelve-factor-audit: ${message}\n`);
    });
  }

  it('dashboard refuses a file that is not a report in one line', async () => {
    const dir = tempDir('dash');
    writeFileSync(path.join(dir, 'x.json'), '{"hello": 1}');
    const r = await cli(['dashboard', 'x.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^twelve-factor-audit: dashboard: x\.json is not a twelve-factor-audit JSON report \(.+\); write one with twelve-factor-audit --format json -o report\.json$/m);
  });

  it('--format json <dir> audits the folder (the format does not swallow it)', async () => {
    const r = await cli(['--format', 'json', VIOLATING_APP]);
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).target.name).toBeTruthy();
    const both = await cli(['-f', 'json', '-f', 'sarif:' + path.join(tempDir('two'), 'r.sarif'), VIOLATING_APP]);
    expect(both.code).toBe(1);
  });
});

// Each run of the built CLI is a new Node process: seconds apiece on a loaded 2-core machine.
describe('output files', { timeout: 120_000 }, () => {
  it('creates missing parent folders, and names the badge or baseline in a write error', async () => {
    const out = tempDir('out');
    const r = await cli([VIOLATING_APP, '-f', 'json', '-o', path.join(out, 'a', 'b', 'report.json')]);
    expect(r.code).toBe(1);
    parseReport(readFileSync(path.join(out, 'a', 'b', 'report.json'), 'utf8'));
    writeFileSync(path.join(out, 'file'), '');
    const badge = await cli([VIOLATING_APP, '--badge', path.join(out, 'file', 'badge.svg')]);
    expect(badge.code).toBe(2);
    expect(badge.stderr).toBe(`twelve-factor-audit: cannot write the badge to ${path.join(out, 'file', 'badge.svg')}: a parent is not a folder (ENOTDIR)\n`);
    const baseline = await cli([VIOLATING_APP, '--write-baseline', path.join(out, 'file', 'b.json')]);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/^twelve-factor-audit: cannot write the baseline to .*: a parent is not a folder \(ENOTDIR\)\n$/);
  });

  it('writes through a link to a device and keeps both; -o /dev/stdout works, to a socket and to a pipe', () => {
    const dir = tempDir('dev');
    const link = path.join(dir, 'null-link');
    symlinkSync('/dev/null', link);
    const app = copyApp(SAMPLE_APP);
    const r = bin([app, '-f', 'json', '-o', link]);
    expect(r.status, r.stderr).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const toStdout = bin([app, '-f', 'json', '-o', '/dev/stdout']);
    expect(toStdout.status, toStdout.stderr).toBe(1);
    parseReport(toStdout.stdout);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    // A shell pipe, as in `… -o /dev/stdout | jq`.
    const piped = bin([], { shell: `node "$BIN" ${app} -f json -o /dev/stdout | cat` });
    parseReport(piped.stdout);
    const toNull = bin([app, '-f', 'json', '-o', '/dev/null']);
    expect(toNull.status, toNull.stderr).toBe(1);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readFileSync('/dev/null', 'utf8')).toBe('');
  });
});

describe('the process: pipes and colour', { timeout: 120_000 }, () => {
  it('ends quietly when the reader of stdout goes away (rules | head -1)', () => {
    const r = bin([], { shell: 'set -o pipefail; node "$BIN" rules | head -1; echo "status=${PIPESTATUS[0]}"' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(/^admin-processes\//);
    expect(r.stdout).toContain('status=0');
  });

  it('colours for a terminal only, and follows NO_COLOR and FORCE_COLOR', () => {
    // An SGR colour sequence (the progress line's erase-line code is not colour).
    // eslint-disable-next-line no-control-regex
    const coloured = (s: string) => /\u001b\[[0-9;]*m/.test(s);
    const app = copyApp(SAMPLE_APP);
    expect(coloured(bin([app]).stdout)).toBe(false);
    expect(coloured(bin([app], { env: { FORCE_COLOR: '1' } }).stdout)).toBe(true);
    expect(coloured(bin([app], { env: { FORCE_COLOR: '0' } }).stdout)).toBe(false);
    expect(coloured(bin([app, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout)).toBe(false);
    // A terminal, through `script`, when the machine has it.
    let hasScript = true;
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
    } catch {
      hasScript = false;
    }
    if (hasScript) {
      const tty = bin([], { shell: `script -qec 'node "$BIN" ${app} --no-progress' /dev/null` });
      expect(coloured(tty.stdout)).toBe(true);
      const noColor = bin([], { shell: `script -qec 'node "$BIN" ${app} --no-progress' /dev/null`, env: { NO_COLOR: '1' } });
      expect(coloured(noColor.stdout)).toBe(false);
    }
  });
});

describe('a command name mistyped', () => {
  it('suggests the command when no such folder exists', async () => {
    const dir = tempDir('cmd');
    mkdirSync(path.join(dir, 'src'));
    const r = await cli(['rulez'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('twelve-factor-audit: no such file or directory: rulez; did you mean the command `rules`?\n');
  });
});

describe('--plugin', () => {
  const PLUGIN = path.join(ROOT, 'fixtures', 'plugins', 'example-plugin');

  it("runs the example plugin's rule in the same walk, scored under its factor", async () => {
    const app = copyApp(SAMPLE_APP);
    writeFileSync(path.join(app, 'Dockerfile'), 'FROM node:20.11.1\nRUN apt-get update && apt-get upgrade -y\nCOPY . .\nCMD ["node", "src/server.js"]\n');
    const r = await cli([app, '-f', 'json', '--plugin', PLUGIN], app);
    expect(r.stderr).toBe('');
    const report = parseReport(r.stdout);
    const found = report.findings.filter((f) => f.ruleId === 'build-release-run/no-apt-upgrade');
    expect(found.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual(['Dockerfile:2 warning']);
    expect(report.factors.find((f) => f.id === 'build-release-run')!.rules.map((x) => x.id)).toContain('build-release-run/no-apt-upgrade');
    // Selected and configured like any rule; absent without the flag.
    const off = await cli([app, '-f', 'json', '--plugin', PLUGIN, '--rule', 'no-apt-upgrade:off'], app);
    expect(parseReport(off.stdout).findings.some((f) => f.ruleId === 'build-release-run/no-apt-upgrade')).toBe(false);
    const without = await cli([app, '-f', 'json'], app);
    expect(parseReport(without.stdout).findings.some((f) => f.ruleId === 'build-release-run/no-apt-upgrade')).toBe(false);
  });

  it('refuses a missing plugin, a bad export and a clashing rule id in one line', async () => {
    const dir = tempDir('plugins');
    const write = (name: string, body: string) => {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js' }));
      writeFileSync(path.join(dir, name, 'index.js'), body);
    };
    write('empty', 'export default {};\n');
    write('clash', "export default { rules: [{ id: 'config/hardcoded-secret', factor: 'config', severity: 'error', targets: ['ts'], docs: { description: 'd', remediation: 'r' }, create: () => ({}) }] };\n");
    write('badid', "export default { rules: [{ id: 'Mine', factor: 'config', severity: 'error', targets: ['ts'], docs: { description: 'd', remediation: 'r' }, create: () => ({}) }] };\n");
    const cases: [string, RegExp][] = [
      ['no-such-plugin-package', /^twelve-factor-audit: --plugin no-such-plugin-package: cannot find the package \(install it: npm i -D no-such-plugin-package\)\n$/],
      ['./empty', /^twelve-factor-audit: --plugin \.\/empty: its default export must be \{ rules: \[\.\.\.\] \}/],
      ['./clash', /^twelve-factor-audit: --plugin \.\/clash: rule id config\/hardcoded-secret is already a built-in rule\n$/],
      ['./badid', /^twelve-factor-audit: --plugin \.\/badid: rule id "Mine" is not <factor>\/<name>/],
    ];
    for (const [spec, message] of cases) {
      const r = await cli([VIOLATING_APP, '--plugin', spec], dir);
      expect(r.code, spec).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
  it("a config's plugins load from a config outside the audited repository, or with --allow-config-plugins; never silently from the repository's own config", async () => {
    const app = copyApp(SAMPLE_APP);
    writeFileSync(path.join(app, 'Dockerfile'), 'FROM node:20.11.1\nRUN apt-get update && apt-get upgrade -y\nCOPY . .\nCMD ["node", "src/server.js"]\n');
    const fires = (stdout: string) => parseReport(stdout).findings.filter((f) => f.ruleId === 'build-release-run/no-apt-upgrade').map((f) => `${f.file}:${f.line} ${f.severity}`);
    // The team's own config, kept outside the repository: its plugins are the user's choice.
    const team = tempDir('team-config');
    writeFileSync(path.join(team, 'audit.yml'), `plugins: [${JSON.stringify(path.relative(team, PLUGIN))}]\nrules:\n  build-release-run/no-apt-upgrade: error\n`);
    const outside = await cli([app, '-f', 'json', '--config', path.join(team, 'audit.yml')], app);
    expect(outside.stderr).toBe('');
    expect(fires(outside.stdout)).toEqual(['Dockerfile:2 error']);
    // The same key in the repository's own config: refused in one line unless the user allows it.
    writeFileSync(path.join(app, '.twelve-factor.yml'), `plugins: [${JSON.stringify(PLUGIN)}]\n`);
    const refused = await cli([app, '-f', 'json'], app);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^twelve-factor-audit: \.twelve-factor\.yml: names plugins \(.*example-plugin\); a plugin is code and this config belongs to the audited repository: pass --allow-config-plugins/);
    const named = await cli([app, '-f', 'json', '--config', path.join(app, '.twelve-factor.yml')], app);
    expect(named.code).toBe(2);
    const allowed = await cli([app, '-f', 'json', '--allow-config-plugins'], app);
    expect(allowed.stderr).toBe('');
    expect(fires(allowed.stdout)).toEqual(['Dockerfile:2 warning']);
    // --no-config reads no plugins at all; a wrong value is one line naming the key.
    expect(fires((await cli([app, '-f', 'json', '--no-config'], app)).stdout)).toEqual([]);
    writeFileSync(path.join(app, '.twelve-factor.yml'), 'plugins: ./one-string\n');
    const wrong = await cli([app, '-f', 'json', '--allow-config-plugins'], app);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('twelve-factor-audit: .twelve-factor.yml:1:10: plugins: found "./one-string"; a list of package names or folders, e.g. [twelve-factor-plugin-acme, ./tools/our-rules]\n');
  });
});

describe('files named from a parent folder', () => {
  it('audits the service around them, not the whole current folder (outside git)', async () => {
    const top = tempDir('mono');
    const { cpSync } = await import('node:fs');
    cpSync(SAMPLE_APP, path.join(top, 'services', 'api'), { recursive: true });
    cpSync(SAMPLE_APP, path.join(top, 'services', 'web'), { recursive: true });
    const r = await cli(['services/api/src/config.ts', '-f', 'json'], top);
    const report = parseReport(r.stdout);
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/config.ts:4 config/hardcoded-secret']);
    // Only the api service was read, not web too.
    expect(report.summary.filesScanned).toBe(parseReport((await cli([path.join(top, 'services', 'api'), '-f', 'json'], top)).stdout).summary.filesScanned);
  });
});
