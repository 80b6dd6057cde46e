import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, isTestPath } from './classify.js';
import { discover } from './discover.js';

describe('classify', () => {
  it.each([
    ['src/server.ts', 'ts'],
    ['src/App.tsx', 'ts'],
    ['lib/a.mjs', 'ts'],
    ['lib/a.cjs', 'ts'],
    ['types/global.d.ts', null],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.prod', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['docker/Dockerfile.postgres17', 'dockerfile'],
    // Named after a Dockerfile, but its ignore file, its documentation and a script.
    ['Dockerfile.dockerignore', 'dockerignore'],
    ['docs/Dockerfile.mdx', null],
    // A scaffolder's template: what every generated project builds.
    ['templates/Dockerfile.hbs', 'dockerfile'],
    // Pieces a script joins into one Dockerfile: no Dockerfile alone.
    ['install/docker/template/Dockerfile.full.footer', null],
    ['install/docker/template/Dockerfile.full.header', null],
    ['Dockerfile.sh', 'shell'],
    // Variants named with a dash or an underscore, as `docker build -f` takes them.
    ['Dockerfile-jobs', 'dockerfile'],
    ['deploy/Dockerfile_alerts', 'dockerfile'],
    ['docker/Dockerfile_base_24.04', 'dockerfile'],
    ['Containerfile-worker', 'dockerfile'],
    ['api/Dockerfile_alerts.dockerignore', 'dockerignore'],
    // Near misses: source and docs named after Dockerfiles, and a word that only starts like one.
    ['src/utils/dockerfile-parser.ts', 'ts'],
    ['src/utils/dockerfile-parser.test.ts', 'ts'],
    ['app/build-settings/dockerfile-settings.tsx', 'ts'],
    ['docs/dockerfile-prompt.mdx', null],
    ['public/monaco/dockerfile-CZqqYdch.js', 'ts'],
    ['Dockerfiles', null],
    ['Dockerfile-', null],
    // A generator's templates named with a dash: placeholders a script fills in.
    ['Dockerfile-debian.template', null],
    ['lib/templates/Dockerfiles/Dockerfile-nodejs.tpl', null],
    ['package.json', 'package-json'],
    ['package-lock.json', 'lockfile'],
    ['yarn.lock', 'lockfile'],
    ['pnpm-lock.yaml', 'lockfile'],
    ['bun.lockb', 'lockfile'],
    ['tsconfig.build.json', 'tsconfig'],
    ['.env', 'env'],
    ['.env.production', 'env'],
    ['config/app.env', 'env'],
    // React Native's Xcode build-phase snippet, committed by design: no deploy config.
    ['apps/mobile/ios/.xcode.env', null],
    ['Procfile', 'procfile'],
    ['scripts/entry.sh', 'shell'],
    ['compose.yaml', 'yaml'],
    ['k8s/app.yml', 'yaml'],
    ['config/default.json', 'json'],
    // The root README's title says what the repository is; any other Markdown is not read.
    ['README.md', 'readme'],
    ['docs/README.md', null],
    ['CHANGELOG.md', null],
  ])('%s is %s', (file, kind) => {
    expect(classify(file)).toBe(kind);
  });

  it('knows test files and fixtures', () => {
    expect(isTestPath('test/app.ts')).toBe(true);
    expect(isTestPath('src/__tests__/a.ts')).toBe(true);
    expect(isTestPath('src/a.spec.ts')).toBe(true);
    expect(isTestPath('src/agent.eval.ts')).toBe(true);
    expect(isTestPath('src/queue.bench.ts')).toBe(true);
    expect(isTestPath('src/evaluate.ts')).toBe(false);
    expect(isTestPath('src/eval.ts')).toBe(false);
    expect(isTestPath('packages/e2e_tests/docker-compose.yml')).toBe(true);
    expect(isTestPath('apps/api-e2e/src/health.ts')).toBe(true);
    expect(isTestPath('integration-tests/setup.ts')).toBe(true);
    expect(isTestPath('src/latests/index.ts')).toBe(false);
    expect(isTestPath('src/contests/index.ts')).toBe(false);
    expect(isTestPath('src/ab-test/variant.ts')).toBe(false);
    expect(isTestPath('apps/api/src/.env.test')).toBe(true);
    expect(isTestPath('src/testing-utils.ts')).toBe(false);
    expect(isTestPath('src/contest/server.ts')).toBe(false);
  });
});

describe('discover', () => {
  it('honours .gitignore and the default ignores, sorts, and never follows a symlink out of the root', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'tfa-outside-'));
    writeFileSync(path.join(outside, 'secret.ts'), 'export const x = 1;');
    const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-discover-'));
    for (const dir of ['src', 'node_modules/dep', 'dist', 'generated']) mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, '.gitignore'), 'generated/\n');
    writeFileSync(path.join(root, 'src', 'b.ts'), '');
    writeFileSync(path.join(root, 'src', 'a.ts'), '');
    writeFileSync(path.join(root, 'node_modules', 'dep', 'index.js'), '');
    writeFileSync(path.join(root, 'dist', 'server.js'), '');
    writeFileSync(path.join(root, 'generated', 'client.ts'), '');
    writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:20.11.1\n');
    writeFileSync(path.join(root, 'notes.txt'), '');
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src', 'linked.ts'));
    symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'alias.ts'));
    const d = await discover(root);
    expect(d.files.map((f) => `${f.path} ${f.kind}`)).toEqual(['Dockerfile dockerfile', 'src/a.ts ts', 'src/alias.ts ts', 'src/b.ts ts']);
    expect(d.skipped).toEqual([{ path: 'src/linked.ts', reason: 'symbolic link pointing outside the scanned root' }]);
  });
});

describe('discover: .gitignore as git reads it', () => {
  const tree = (files: Record<string, string>) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-gitignore-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    return root;
  };

  it('anchored and unanchored patterns, folder-only patterns, negation, nested files overriding the root one', async () => {
    const root = tree({
      // A BOM and CRLF line ends, as editors on Windows write them: git ignores both.
      '.gitignore': '\uFEFF*.gen.ts\r\n# generated\r\n/top.ts\r\ntmp/\r\nlogs\r\n!keep.gen.ts\r\n',
      'top.ts': '',
      'src/top.ts': '',
      'src/a.gen.ts': '',
      'src/keep.gen.ts': '',
      'src/tmp/x.ts': '',
      'src/tmp.ts': '',
      'logs/app.ts': '',
      'pkg/.gitignore': '!b.gen.ts\nlocal.json\n',
      'pkg/b.gen.ts': '',
      'pkg/local.json': '{}',
      'pkg/sub/local.json': '{}',
      'pkg/index.ts': '',
    });
    const d = await discover(root);
    expect(d.files.map((f) => f.path)).toEqual(['pkg/b.gen.ts', 'pkg/index.ts', 'src/keep.gen.ts', 'src/tmp.ts', 'src/top.ts']);
  });

  it('honours the .gitignore files above the audited folder up to the top of the git work tree', async () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'services/api/generated/\n*.local.ts\n', 'services/api/src/a.ts': '', 'services/api/src/b.local.ts': '', 'services/api/generated/c.ts': '' });
    const d = await discover(path.join(root, 'services/api'));
    expect(d.files.map((f) => f.path)).toEqual(['src/a.ts']);
  });

  it('a folder named explicitly that the enclosing .gitignore ignores is audited, without the enclosing rules, and reported', async () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'fixtures/\n*.local.ts\n',
      'fixtures/app/src/a.ts': '',
      'fixtures/app/src/b.local.ts': '',
      'fixtures/app/.gitignore': 'generated/\n',
      'fixtures/app/generated/c.ts': '',
    });
    const d = await discover(path.join(root, 'fixtures/app'));
    expect(d.files.map((f) => f.path)).toEqual(['src/a.ts', 'src/b.local.ts']);
    expect(d.ignoredRoot).toEqual({ folder: 'fixtures/app', repository: root });
    // A folder below an ignored one is ignored too (git never looks inside); a negation in a deeper .gitignore cannot bring it back.
    const nested = tree({ '.git/HEAD': '', '.gitignore': 'vendor\n', 'vendor/.gitignore': '!x\n', 'vendor/x/y/a.ts': '' });
    expect((await discover(path.join(nested, 'vendor/x/y'))).ignoredRoot).toEqual({ folder: 'vendor/x/y', repository: nested });
    // Not ignored: the enclosing rules apply and nothing is reported.
    const plain = await discover(path.join(root, 'fixtures/app/src'));
    expect(plain.ignoredRoot).toEqual({ folder: 'fixtures/app/src', repository: root });
    const kept = tree({ '.git/HEAD': '', '.gitignore': '*.local.ts\n', 'app/a.ts': '', 'app/b.local.ts': '' });
    const k = await discover(path.join(kept, 'app'));
    expect(k.ignoredRoot).toBeUndefined();
    expect(k.files.map((f) => f.path)).toEqual(['a.ts']);
  });

  it('a node_modules the repository re-includes with its own `!` rule is its source; other default-ignored folders stay out', async () => {
    const root = tree({
      '.gitignore': 'node_modules\n!packages/node_modules\n!dist\n!.git\n',
      'packages/node_modules/app/server.js': '',
      // Installed below the committed package: the basename rule ignores it again.
      'packages/node_modules/app/node_modules/dep/index.js': '',
      'node_modules/dep/index.js': '',
      // Committed build output and version control are never source, whatever .gitignore says.
      'dist/index.js': '',
      '.git/hooks/pre-commit.js': '',
      'src/main.ts': '',
    });
    const d = await discover(root);
    expect(d.files.map((f) => f.path)).toEqual(['packages/node_modules/app/server.js', 'src/main.ts']);
    // Near miss: a node_modules no rule re-includes (only ignored by default) stays out.
    const plain = tree({ '.gitignore': '*.log\n', 'packages/node_modules/app/server.js': '', 'src/main.ts': '' });
    expect((await discover(plain)).files.map((f) => f.path)).toEqual(['src/main.ts']);
  });

  it('config ignore globs prune folders and files', async () => {
    const root = tree({ 'k8s/dev/app.yaml': 'a: 1\n', 'k8s/prod/app.yaml': 'a: 1\n', 'src/x.test.ts': '', 'src/x.ts': '' });
    const d = await discover(root, { ignore: ['k8s/dev', '*.test.ts'] });
    expect(d.files.map((f) => f.path)).toEqual(['k8s/prod/app.yaml', 'src/x.ts']);
  });
});

describe('files git tracks although .gitignore lists them', () => {
  const hasGit = spawnSync('git', ['--version']).status === 0;
  it.skipIf(!hasGit)('are added once, whatever order the git index and JavaScript give their paths', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-tracked-'));
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent' };
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
    git('init', '-q');
    // U+FB00 and U+1D4B3: git's index (UTF-8 bytes) puts the first before the second, JavaScript
    // (UTF-16 units, a surrogate pair) the second first. Both listed, then two tracked and ignored.
    const names = ['\ufb00.ts', '\u{1d4b3}.ts', 'a.ts', 'z/\ufb00.ts', 'z/\u{1d4b3}.ts', 'secrets/\u{1d4b3}.ts', 'secrets/prod.ts', 'secrets/notes.txt'];
    for (const name of names) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), 'export const a = 1;\n');
    }
    git('add', '.');
    writeFileSync(path.join(root, '.gitignore'), 'secrets/\n');
    const found = await discover(root);
    expect(found.trackedIgnored).toEqual(['secrets/prod.ts', 'secrets/\u{1d4b3}.ts']);
    const paths = found.files.map((f) => f.path);
    expect(paths).toEqual([...new Set(paths)]);
    expect(paths).toEqual(['a.ts', 'secrets/prod.ts', 'secrets/\u{1d4b3}.ts', 'z/\u{1d4b3}.ts', 'z/\ufb00.ts', '\u{1d4b3}.ts', '\ufb00.ts']);
  });
});
