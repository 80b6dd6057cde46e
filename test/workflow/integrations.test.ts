// The integrations, exercised as far as this machine allows: the pre-commit hook's entry run the way
// pre-commit runs it (on the staged files of a real git repository), a git pre-commit hook as husky
// installs it, lint-staged's absolute paths, and the GitHub Action's audit script run by bash with
// `npx` pointed at this build.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { git, makeRepo, TOKEN, writeFiles } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/twelve-factor-audit.js');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
const secret = `export const token = "${TOKEN}";\n`;
// Each case starts the CLI as a process (or several); give a loaded CI machine room.
const SLOW = 120_000;

function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repoWithStagedViolation(): string {
  const dir = makeRepo({ 'src/ok.ts': 'export const ok = 1;\n', 'README.md': '# app\n' }, { git: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  writeFiles(dir, { 'src/leak.ts': secret, 'src/unstaged.ts': secret, 'README.md': '# app, changed\n' });
  git(dir, 'add', 'src/leak.ts', 'README.md');
  return dir;
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks[0]!;

  it('declares a node hook whose entry is the package binary, given the files, serially', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'twelve-factor-audit', language: 'node', entry: 'twelve-factor-audit', pass_filenames: true, require_serial: true });
    expect(Object.keys(PACKAGE.bin)).toContain(hook.entry);
  });

  it('its files pattern selects what the audit reads, not docs', () => {
    const files = new RegExp(hook.files as string);
    const selected = ['src/a.ts', 'web/app.mjs', 'Dockerfile', 'docker/Dockerfile.prod', 'api.dockerfile', 'compose.yml', 'k8s/x.yaml', '.env', '.env.production', 'Procfile', 'package.json', 'scripts/run.sh', 'yarn.lock'];
    const skipped = ['README.md', 'docs/x.md', 'logo.png', 'LICENSE'];
    expect(selected.filter((f) => !files.test(f))).toEqual([]);
    expect(skipped.filter((f) => files.test(f))).toEqual([]);
  });

  it('the entry, run as pre-commit runs it on a commit with a staged violation, fails with the finding', () => {
    const dir = repoWithStagedViolation();
    const files = new RegExp(hook.files as string);
    const staged = git(dir, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter((f) => f && files.test(f));
    expect(staged).toEqual(['src/leak.ts']);
    const args = (hook.args as string[] | undefined) ?? [];
    const r = runBin([...args, ...staged], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/leak.ts\n  1:22  error  Hardcoded GitHub token');
    expect(r.stdout).not.toContain('src/unstaged.ts');

    writeFiles(dir, { 'src/leak.ts': 'export const token = process.env.GITHUB_TOKEN;\n' });
    expect(runBin([...args, 'src/leak.ts'], dir).code).toBe(0);
  }, SLOW);
});

describe('husky and lint-staged (docs/ci.md)', () => {
  it('a git pre-commit hook running `twelve-factor-audit --staged` blocks the commit, then lets the fix through', () => {
    const dir = repoWithStagedViolation();
    const hook = path.join(dir, '.git/hooks/pre-commit');
    mkdirSync(path.dirname(hook), { recursive: true });
    // What .husky/pre-commit holds (`npx twelve-factor-audit --staged`), with npx resolved to this build.
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" --staged\n`);
    chmodSync(hook, 0o755);
    const blocked = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'leak'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
    expect(blocked.status).toBe(1);
    // git sends a hook's stdout to stderr.
    expect(blocked.stderr).toContain('src/leak.ts');
    writeFiles(dir, { 'src/leak.ts': 'export const token = process.env.GITHUB_TOKEN;\n' });
    git(dir, 'add', 'src/leak.ts');
    const passed = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'fixed'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
    expect(passed.status).toBe(0);
  }, SLOW);

  it('lint-staged passes absolute paths from the repository root', () => {
    const dir = repoWithStagedViolation();
    const r = runBin([path.join(dir, 'src/leak.ts'), path.join(dir, 'README.md')], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/leak.ts');
    expect(r.stdout).not.toContain('src/unstaged.ts');
  }, SLOW);
});

describe('GitHub Action (action.yml)', () => {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string; if?: string; with?: Record<string, string>; env?: Record<string, string> }> };
  };
  const steps = action.runs.steps;
  const auditStep = steps.find((s) => s.id === 'audit')!;

  it('is a composite action that uploads SARIF with codeql-action, and never interpolates inputs into scripts', () => {
    expect(action.runs.using).toBe('composite');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    // The category comes from the SARIF file (one per audited folder, or the sarif-category input).
    expect(upload?.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}' });
    for (const s of steps) if (s.run) expect(s.run).not.toContain('${{');
    expect(auditStep.env?.TFA_SARIF).toBe('${{ inputs.sarif-file }}');
  });

  /**
   * Runs the audit step's script with bash. `npx` is a stand-in that records the package and the
   * arguments it was given, then either runs this build (`real`) or exits with a chosen code.
   */
  function runAuditStep(dir: string, inputs: Record<string, string>, npx: { real: true } | { exit: number }) {
    const shims = path.join(dir, '.shims');
    mkdirSync(shims, { recursive: true });
    const run = 'real' in npx ? `exec "${process.execPath}" "${BIN}" "$@"` : `exit ${npx.exit}`;
    writeFileSync(path.join(shims, 'npx'), `#!/bin/sh\n[ "$1" = "--yes" ] && shift\necho "$1" > "${shims}/npx-package"\nshift\nprintf '%s\\n' "$@" > "${shims}/npx-args"\n${run}\n`);
    chmodSync(path.join(shims, 'npx'), 0o755);
    const output = path.join(dir, '.github-output');
    // The setup step first (version and cache folder), its outputs read back as the runner would.
    const setupOutput = path.join(dir, '.github-output-setup');
    writeFileSync(setupOutput, '');
    const stepEnv = (step: (typeof steps)[number], setupOutputs: Record<string, string>): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { PATH: `${shims}:${process.env.PATH}`, GITHUB_OUTPUT: step.id === 'setup' ? setupOutput : output };
      for (const [name, value] of Object.entries(step.env ?? {})) {
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
        if (input) env[name] = inputs[input] ?? action.inputs[input]?.default ?? '';
        const fromSetup = /^\$\{\{ steps\.setup\.outputs\.([\w-]+) \}\}$/.exec(value)?.[1];
        if (fromSetup) env[name] = setupOutputs[fromSetup] ?? '';
      }
      if (step.env?.TFA_ACTION_PATH) env.TFA_ACTION_PATH = ROOT;
      if (step.env?.TFA_TEMP) env.TFA_TEMP = path.join(dir, '.runner-temp');
      return env;
    };
    const setupStep = steps.find((x) => x.id === 'setup')!;
    spawnSync('bash', ['-c', setupStep.run!], { cwd: dir, encoding: 'utf8', env: stepEnv(setupStep, {}) });
    const setupOutputs = Object.fromEntries(readFileSync(setupOutput, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    writeFileSync(output, '');
    const r = spawnSync('bash', ['-c', auditStep.run!], { cwd: dir, encoding: 'utf8', env: stepEnv(auditStep, setupOutputs) });
    return {
      code: r.status,
      stdout: r.stdout,
      outputs: readFileSync(output, 'utf8'),
      npxPackage: readFileSync(path.join(shims, 'npx-package'), 'utf8').trim(),
      npxArgs: readFileSync(path.join(shims, 'npx-args'), 'utf8').split('\n').slice(0, -1),
    };
  }

  it('its audit script runs this version with the log and SARIF formats, and hands the exit code to the next steps', () => {
    const dir = makeRepo({ 'src/ok.ts': 'export const ok = 1;\n' });
    const found = runAuditStep(dir, { path: 'services/my api', 'fail-on': 'warning', args: '--baseline .tfa-baseline.json  --quiet' }, { exit: 1 });
    expect(found.npxPackage).toBe(`twelve-factor-audit@${PACKAGE.version}`);
    // The cache (restored by actions/cache into the runner's temp folder) is on by default, matched by content.
    const cacheArgs = ['--cache', '--cache-strategy', 'content', '--cache-location', `${path.join(dir, '.runner-temp')}/twelve-factor-audit-cache/`];
    expect(found.npxArgs).toEqual(['services/my api', '--fail-on', 'warning', '--format', 'stylish', '--format', 'sarif:twelve-factor-audit.sarif', ...cacheArgs, '--baseline', '.tfa-baseline.json', '--quiet']);
    const cacheStep = steps.find((x) => x.uses?.startsWith('actions/cache@'))!;
    expect(cacheStep.if).toBe("${{ inputs.cache == 'true' }}");
    expect(cacheStep.with?.path).toBe('${{ steps.setup.outputs.cache-dir }}');
    expect(cacheStep.with?.key).toMatch(/^twelve-factor-audit-\$\{\{ runner\.os \}\}-\$\{\{ steps\.setup\.outputs\.version \}\}-\$\{\{ hashFiles\('\*\*\/package-lock\.json'.*\}\}-\$\{\{ github\.sha \}\}$/);
    // Findings do not fail this step (the SARIF upload comes first); the last step fails the job.
    expect(found.code).toBe(0);
    expect(found.outputs).toBe('exit-code=1\nsarif-file=twelve-factor-audit.sarif\n');
    const failStep = steps[steps.length - 1]!;
    expect(failStep.if).toBe("${{ steps.audit.outputs.exit-code == '1' }}");

    const categorised = runAuditStep(dir, { path: 'services/api', 'sarif-category': 'backend api', cache: 'false' }, { exit: 0 });
    expect(categorised.npxArgs).toEqual(['services/api', '--fail-on', 'error', '--format', 'stylish', '--format', 'sarif:twelve-factor-audit.sarif', '--sarif-category', 'backend api']);

    const usage = runAuditStep(dir, { version: '1.2.3', 'sarif-file': 'out/tfa.sarif', cache: 'false' }, { exit: 2 });
    expect(usage.npxPackage).toBe('twelve-factor-audit@1.2.3');
    expect(usage.npxArgs).toEqual(['.', '--fail-on', 'error', '--format', 'stylish', '--format', 'sarif:out/tfa.sarif']);
    expect(usage.code).toBe(2);
    expect(usage.outputs).toBe('exit-code=2\nsarif-file=out/tfa.sarif\n');
  }, SLOW);

  it('with this build, its audit script prints the findings and writes the SARIF file the upload step sends', () => {
    const dir = makeRepo({ 'src/leak.ts': secret });
    const r = runAuditStep(dir, {}, { real: true });
    expect(r.code).toBe(0);
    expect(r.outputs).toBe('exit-code=1\nsarif-file=twelve-factor-audit.sarif\n');
    expect(r.stdout).toContain('src/leak.ts');
    const sarif = JSON.parse(readFileSync(path.join(dir, 'twelve-factor-audit.sarif'), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    // The temp folder is not a git work tree: codebase/not-version-controlled is expected beside the secret.
    expect(sarif.runs[0]!.results.map((x) => x.ruleId).filter((id) => id !== 'codebase/not-version-controlled')).toEqual(['config/hardcoded-secret']);
  }, SLOW);

  it('passes extra args as words, never as shell code', () => {
    const dir = makeRepo({ 'src/ok.ts': 'export const ok = 1;\n' });
    const r = runAuditStep(dir, { args: '--fail-on warning; touch pwned $(touch pwned2) `touch pwned3`' }, { real: true });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned2'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned3'))).toBe(false);
    expect(r.npxArgs.slice(12)).toEqual(['--fail-on', 'warning;', 'touch', 'pwned', '$(touch', 'pwned2)', '`touch', 'pwned3`']);
    expect(r.outputs).toBe('exit-code=2\nsarif-file=twelve-factor-audit.sarif\n');
  }, SLOW);
});

