import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import type { RunLeaf } from '../../src/model/run-commands.js';
import { forEachReleaseLeaf, scriptName, toolArgv, type Judged } from './_run-leaves.js';

const INSTALL = new Set(['install', 'i', 'ci', 'add', 'isntall']);
const BUILD_SCRIPT = /^(build|compile|bundle|prebuild)([:_-].*)?$/;
/** Watch builds are dev servers (dev-server-in-release), not one-off builds. */
const WATCH = /(^|[:_-])watch([:_-]|$)/;
/** Tools that build when given no (or these) subcommands. */
const BUILDERS: Record<string, (args: string[]) => boolean> = {
  tsc: (a) => !a.some((x) => ['--noEmit', '-w', '--watch', '-v', '--version', '-h', '--help'].includes(x)),
  webpack: (a) => !a.includes('serve') && !a.includes('--watch') && !a.includes('-w'),
  rollup: (a) => !a.includes('-w') && !a.includes('--watch'),
  esbuild: (a) => a.some((x) => x === '--bundle' || x.startsWith('--outfile') || x.startsWith('--outdir')) && !a.includes('--watch') && !a.includes('--serve'),
  babel: (a) => a.some((x) => ['-d', '--out-dir', '-o', '--out-file'].includes(x) || x.startsWith('--out-')) && !a.includes('-w') && !a.includes('--watch'),
  swc: (a) => a.some((x) => ['-d', '--out-dir', '-o', '--out-file'].includes(x)) && !a.includes('-w') && !a.includes('--watch'),
  tsup: (a) => !a.includes('--watch'),
  vite: (a) => a[0] === 'build',
  next: (a) => a[0] === 'build',
  nest: (a) => a[0] === 'build',
  nuxt: (a) => a[0] === 'build' || a[0] === 'generate',
  nuxi: (a) => a[0] === 'build' || a[0] === 'generate',
  ng: (a) => a[0] === 'build',
  parcel: (a) => a[0] === 'build',
  gatsby: (a) => a[0] === 'build',
  remix: (a) => a[0] === 'build',
  'react-scripts': (a) => a[0] === 'build',
  prisma: (a) => a[0] === 'generate',
  // Style sheets compiled at start (`"start": "sass src:public && node app.js"`).
  sass: (a) => !a.includes('--watch') && !a.includes('-w') && !a.includes('--version'),
  'node-sass': (a) => !a.includes('--watch') && !a.includes('-w'),
  lessc: () => true,
  tailwindcss: (a) => a.some((x) => x === '-o' || x.startsWith('--output')) && !a.includes('--watch') && !a.includes('-w'),
  postcss: (a) => a.some((x) => x === '-o' || x === '--output' || x === '-d' || x === '--dir') && !a.includes('--watch') && !a.includes('-w'),
  turbo: (a) => a.includes('build') || a.some((x) => /(^|#|:)build$/.test(x)),
  // `nx build p`, `nx run p:build[:config]`, `nx run-many -t build` / `--target=build`: the target is a
  // whole word (`--target=start:static:build` is a target of that name, not a build).
  nx: (a) => a[0] === 'build' || (a[0] === 'run' && a[1]?.split(':')[1] === 'build') || a.some((x, i) => (x.startsWith('--target=') || x.startsWith('--targets=') ? x.slice(x.indexOf('=') + 1) : a[i - 1] === '-t' || a[i - 1] === '--target' || a[i - 1] === '--targets' ? x : '').split(',').includes('build')),
  lerna: (a) => a[0] === 'run' && a[1] === 'build',
};

const messages = {
  builtOnStart: '{{what}} when the release starts ({{chain}}): the running code is built on every start instead of once per release.',
  atStart: '{{what}} when the release starts ({{chain}}): {{why}}',
};

export default defineRule({
  id: 'build-release-run/build-at-runtime',
  factor: 'build-release-run',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  targets: ['dockerfile', 'compose', 'k8s', 'procfile', 'package-json', 'xf'],
  docs: {
    description: 'Dependencies installed or code built when the container starts (`npm install`, `npx <uninstalled pkg>`, `npm run build`, `tsc`, `prisma generate` in the run command or what it runs)',
    remediation: 'Move the install and build into the image build (Dockerfile RUN, CI) and start the release with `node dist/server.js`; add undeclared tools to package.json so that they are installed at build time.',
  },
  messages,
  checkProject(model, ctx) {
    forEachReleaseLeaf(
      model,
      (leaf) => judge(model, leaf),
      (leaf, judged, chain) => {
        ctx.report({
          loc: leaf.at,
          messageId: judged.why === undefined ? 'builtOnStart' : 'atStart',
          data: { what: judged.what, chain, why: judged.why ?? '' },
          evidence: leaf.argv.join(' ').slice(0, 120),
        });
      },
    );
  },
});

function judge(model: ProjectModel, leaf: RunLeaf): Judged | null {
  const { argv, runner } = toolArgv(leaf.argv);
  const program = argv[0]?.split('/').pop();
  if (program === undefined) return null;
  const args = argv.slice(1);
  if (!runner && ['npm', 'pnpm', 'yarn', 'bun'].includes(program)) {
    const sub = args[0];
    if (program === 'yarn' && (sub === undefined || sub.startsWith('-'))) return { what: '`yarn` installs dependencies' };
    if (sub !== undefined && INSTALL.has(sub)) return { what: `\`${program} ${sub}\` installs dependencies` };
    const script = scriptName(argv);
    if (script !== undefined && BUILD_SCRIPT.test(script) && !WATCH.test(script)) return { what: `\`${argv.join(' ')}\` builds the code` };
    return null;
  }
  const builds = BUILDERS[program];
  if (builds?.(args)) return { what: `\`${argv.slice(0, 2).join(' ')}\` builds the code` };
  if (runner && runner !== 'pnpm exec' && runner !== 'npm exec' && runner !== 'yarn exec' && !leaf.argv.includes('--no-install') && !leaf.argv.includes('--no')) {
    const pkg = argv[0]!;
    if (runner.endsWith('dlx') || !declares(model, leaf, pkg)) return { what: `\`${leaf.argv.slice(0, 3).join(' ')}\` downloads ${pkg}, which no package.json declares,`, why: 'what runs depends on the registry at start time, not on the release.' };
  }
  return null;
}

/** Does the package.json of the run command (or the one the leaf is written in) declare `bin`'s package? */
function declares(model: ProjectModel, leaf: RunLeaf, bin: string): boolean {
  const name = bin.replace(/@[^@/]+$/, '');
  const candidates = new Set<string>();
  if (path.basename(leaf.at.file) === 'package.json') candidates.add(leaf.at.file);
  const dir = leaf.command.contextDir;
  candidates.add(dir === '.' || dir === '' ? 'package.json' : `${dir}/package.json`);
  // The folder the command runs in (after an entry script's `cd packages/dashboard`) and those above
  // it: npx finds a bin in the node_modules of any of them (plunk's `npx next start`).
  for (let d = leaf.dir, i = 0; d && !d.startsWith('..') && i < 32; d = path.dirname(d), i++) {
    candidates.add(d === '.' ? 'package.json' : `${d}/package.json`);
    if (d === '.') break;
  }
  let known = false;
  for (const file of candidates) {
    const facts = model.files.get(file)?.facts;
    if (facts?.kind !== 'package-json') continue;
    known = true;
    // A bin is usually named after its package (`prisma`), sometimes not (`tsc` from typescript).
    if (facts.dependencies.some((d) => d.name === name || d.name.endsWith(`/${name}`) || (BIN_PACKAGES[name] ?? []).includes(d.name))) return true;
    if (facts.name === name || facts.bin.some((b) => b.name === name)) return true;
  }
  // Without any package.json the tool cannot tell: stay silent.
  return !known;
}

const BIN_PACKAGES: Record<string, string[]> = {
  tsc: ['typescript'],
  'ts-node': ['ts-node'],
  nest: ['@nestjs/cli'],
  ng: ['@angular/cli'],
  knex: ['knex'],
  sequelize: ['sequelize-cli'],
  typeorm: ['typeorm'],
  'run-p': ['npm-run-all', 'npm-run-all2'],
  'run-s': ['npm-run-all', 'npm-run-all2'],
  mikro: ['@mikro-orm/cli'],
  'mikro-orm': ['@mikro-orm/cli'],
};
