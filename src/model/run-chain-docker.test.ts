// The Dockerfile and compose side of run chains: variables in COPY lines, copies made inside the
// image, images linked to the Dockerfile that builds them by name, bake files.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../discovery/discover.js';
import { analyzeFile } from '../engine/per-file.js';
import { parseDockerfile } from '../parsing/dockerfile.js';
import { imagePathToRepo, stageWorkdir, variablesAt } from './docker-commands.js';
import { agreedBuildArgs, dockerBuilds } from './docker-builds.js';
import { ProjectModel } from './project-model.js';
import { formatRunChains, runChains, type RunChainUnit } from './run-chain.js';

/** Maps an image path of the last stage back to the repository, with these repository files. */
function mapper(dockerfile: string, files: string[], contextDir = '.') {
  const facts = parseDockerfile(dockerfile);
  const fileSet = new Set(files);
  const dirs = new Set<string>(['.']);
  for (const f of files) for (let d = f; d.includes('/'); ) dirs.add((d = d.slice(0, d.lastIndexOf('/'))));
  const stage = facts.stages[facts.stages.length - 1]!;
  return (abs: string, args?: Map<string, string>) => imagePathToRepo(facts, stage, abs, contextDir, (p) => fileSet.has(p), (p) => dirs.has(p), 0, { left: 2000 }, args);
}

describe('docker: variables in COPY, ADD and WORKDIR', () => {
  const dockerfile = ['FROM node:20 AS production', 'ARG component=gpt-gateway', 'ARG user=${component}', 'WORKDIR /app', 'COPY ./dist/packages/${component} .', 'CMD ["node", "./main.js"]', ''].join('\n');

  it('substitutes an ARG default in a COPY source', () => {
    const toRepo = mapper(dockerfile, ['dist/packages/gpt-gateway/main.js']);
    expect(toRepo('/app/main.js')).toBe('dist/packages/gpt-gateway/main.js');
  });

  it('a build argument replaces the default', () => {
    const toRepo = mapper(dockerfile, ['dist/packages/gpt-gateway/main.js', 'dist/packages/billing/main.js']);
    expect(toRepo('/app/main.js', new Map([['component', 'billing']]))).toBe('dist/packages/billing/main.js');
  });

  it('an ARG with no value leaves the COPY unmapped (near miss)', () => {
    const toRepo = mapper(dockerfile.replace('ARG component=gpt-gateway', 'ARG component'), ['dist/packages/gpt-gateway/main.js']);
    expect(toRepo('/app/main.js')).toBeUndefined();
  });

  it('scopes variables as Docker does: global ARGs once redeclared, ENV inherited through FROM, ENV over ARG', () => {
    const facts = parseDockerfile(['ARG APP_PATH=/opt/outline', 'ARG UNUSED=x', 'FROM node:20 AS base', 'ENV ROOT=/srv', 'ARG LOCAL=1', 'FROM base AS runner', 'ARG APP_PATH', 'ARG ROOT=/ignored', 'WORKDIR $APP_PATH', 'COPY server ${ROOT}/server', ''].join('\n'));
    const runner = facts.stages[1]!;
    const vars = variablesAt(facts, runner, 100);
    expect(vars.get('APP_PATH')).toBe('/opt/outline');
    expect(vars.get('ROOT')).toBe('/srv');
    expect(vars.has('UNUSED')).toBe(false);
    expect(vars.has('LOCAL')).toBe(false);
    expect(stageWorkdir(facts, runner)).toBe('/opt/outline');
    expect(imagePathToRepo(facts, runner, '/srv/server/index.ts', '.', (p) => p === 'server/index.ts', (p) => p === 'server' || p === '.')).toBe('server/index.ts');
  });
});

describe('docker: name patterns in COPY sources', () => {
  const dockerfile = ['FROM node:20', 'WORKDIR /app', 'COPY server/package*.json ./', 'COPY server/dist ./dist', 'CMD ["node", "dist/index.js"]', ''].join('\n');

  it('maps a file a name pattern copied back to the folder of the pattern', () => {
    const toRepo = mapper(dockerfile, ['server/package.json', 'server/package-lock.json', 'server/dist/index.js']);
    expect(toRepo('/app/package.json')).toBe('server/package.json');
    expect(toRepo('/app/package-lock.json')).toBe('server/package-lock.json');
  });

  it('a name the pattern does not match, or one deeper in the folder, is not mapped (near miss)', () => {
    const toRepo = mapper(dockerfile, ['server/package.json', 'server/tsconfig.json', 'server/src/package.json']);
    expect(toRepo('/app/tsconfig.json')).toBeUndefined();
    expect(toRepo('/app/src/package.json')).toBeUndefined();
  });

  it('follows a name pattern copied from another stage', () => {
    const multi = ['FROM node:20 AS builder', 'WORKDIR /app/server', 'COPY server/package*.json ./', 'FROM node:20-alpine', 'WORKDIR /app', 'COPY --from=builder /app/server/package*.json ./', ''].join('\n');
    const toRepo = mapper(multi, ['server/package.json']);
    expect(toRepo('/app/package.json')).toBe('server/package.json');
  });

  it('a pattern in a folder part is not followed', () => {
    const toRepo = mapper(['FROM node:20', 'WORKDIR /app', 'COPY packages/*/package.json ./', ''].join('\n'), ['packages/api/package.json']);
    expect(toRepo('/app/package.json')).toBeUndefined();
  });
});

describe('docker: a folder copied whole after a file copied by its name', () => {
  // A start script copied by name into the app folder, then a build's output folder copied over the
  // same folder from another stage: the output (generated, not in the repository) is not known to
  // hold the script, so the line that names it decides.
  const dockerfile = [
    'FROM node:22 AS builder',
    'WORKDIR /app',
    'COPY . .',
    'RUN npx turbo prune web --docker',
    'FROM node:22 AS installer',
    'WORKDIR /app',
    'COPY --from=builder /app/out/full/ .',
    'RUN npm run build',
    'FROM node:22-slim AS runner',
    'WORKDIR /app',
    'COPY --from=builder /app/ops/boot.sh ./',
    'COPY --from=installer /app/apps/web/.next/standalone ./',
    'CMD ["./boot.sh"]',
    '',
  ].join('\n');

  it('maps the script to the file the earlier line copies by its name', () => {
    const toRepo = mapper(dockerfile, ['ops/boot.sh', 'apps/web/package.json']);
    expect(toRepo('/app/boot.sh')).toBe('ops/boot.sh');
  });

  it('near miss: a later folder copy that the repository shows holding the file still wins', () => {
    const toRepo = mapper(dockerfile.replace('CMD [', 'COPY deploy/ ./\nCMD ['), ['ops/boot.sh', 'deploy/boot.sh']);
    expect(toRepo('/app/boot.sh')).toBe('deploy/boot.sh');
  });

  it('near miss: with no line naming the file, the guess inside the build output is kept', () => {
    const toRepo = mapper(dockerfile.replace('COPY --from=builder /app/ops/boot.sh ./\n', ''), ['apps/web/package.json']);
    expect(toRepo('/app/boot.sh')).toBe('out/full/apps/web/boot.sh');
  });
});

describe('docker: Next.js standalone output under a custom distDir', () => {
  // apitable's web-server image: next.config's distDir is web_build; the runner copies two files of the
  // app into its folder, then the standalone output (a copy of the monorepo from its root) over /app.
  const dockerfile = [
    'FROM node:20 AS builder',
    'WORKDIR /app',
    'COPY packages/ ./packages/',
    'RUN cd packages/web && npm run build',
    'FROM node:20-slim',
    'WORKDIR /app',
    'COPY --from=builder /app/packages/web/next.config.js /app/packages/web/package.json ./packages/web/',
    'COPY --from=builder /app/packages/web/web_build/standalone ./',
    'WORKDIR /app/packages/web',
    'CMD ["node", "server.js"]',
    '',
  ].join('\n');
  const files = ['packages/web/next.config.js', 'packages/web/package.json', 'packages/web/server.js', 'packages/web/lib/db.js'];

  it('the server.js at the app\'s place in the output is the generated one, not the repository\'s file of that name', () => {
    expect(mapper(dockerfile, files)('/app/packages/web/server.js')).toBe('packages/web/web_build/standalone/packages/web/server.js');
  });

  it('other files of the output mirror the repository, and the app\'s folder is no file copied into it', () => {
    expect(mapper(dockerfile, files)('/app/packages/web/lib/db.js')).toBe('packages/web/lib/db.js');
    expect(mapper(dockerfile, files)('/app/packages/web')).not.toBe('packages/web/next.config.js');
  });
});

describe('docker: copies made inside the image', () => {
  const dockerfile = ['FROM node:lts AS build', 'WORKDIR /usr/src/app/', 'COPY . /usr/src/app/', 'RUN cp /usr/src/app/install/package.json /usr/src/app/', 'FROM node:lts-slim', 'COPY --from=build /usr/src/app/ /usr/src/app/', ''].join('\n');

  it('follows RUN cp back to the file COPY put in the image', () => {
    const toRepo = mapper(dockerfile, ['install/package.json', 'loader.js']);
    expect(toRepo('/usr/src/app/package.json')).toBe('install/package.json');
    // Other paths of the folder are still the repository's.
    expect(toRepo('/usr/src/app/loader.js')).toBe('loader.js');
  });

  it('a relative cp after WORKDIR, a renaming cp and cp -r of a folder', () => {
    const toRepo = mapper(['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN cp config/prod.json settings.json && cp -r templates /srv/tpl', ''].join('\n'), ['config/prod.json', 'templates/a.html']);
    expect(toRepo('/app/settings.json')).toBe('config/prod.json');
    expect(toRepo('/srv/tpl/a.html')).toBe('templates/a.html');
  });

  it('near misses: a cp after cd, a cp of a glob and a file not copied stay unmapped', () => {
    const toRepo = mapper(['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN cd install && cp package.json /app/', 'RUN cp /app/conf/*.json /etc/conf/', ''].join('\n'), ['install/package.json', 'conf/a.json']);
    expect(toRepo('/app/package.json')).toBe('package.json');
    expect(toRepo('/etc/conf/a.json')).toBeUndefined();
  });
});

const FIXTURES = path.join(import.meta.dirname, '__fixtures__/run-chain');

async function modelOf(name: string): Promise<ProjectModel> {
  const d = await discover(path.join(FIXTURES, name));
  const files = d.files.map((f) => analyzeFile({ path: f.path, kind: f.kind, text: readFileSync(f.absPath, 'utf8'), isTest: false }, []));
  return new ProjectModel(files.flatMap((r) => (r.kind && r.facts ? [{ path: r.path, kind: r.kind, facts: r.facts, isTest: false }] : [])));
}

function unitById(units: RunChainUnit[], id: string): RunChainUnit | undefined {
  return units.find((u) => u.id === id);
}

describe('docker: run chains through COPY lines that use an ARG', () => {
  it('reaches the source of the build output an ARG default names, and names the hops', async () => {
    const model = await modelOf('docker-args');
    const units = runChains(model);
    const api = unitById(units, 'compose.yaml#api')!;
    expect(api.status).toBe('reached');
    expect(api.branches.map((b) => b.entries)).toEqual([['packages/api/src/main.ts']]);
    expect(formatRunChains([api])).toBe(
      [
        'compose service api (compose.yaml:2) [unknown] reaches source',
        '  build . (compose.yaml:3) → Dockerfile CMD (packages/api/Dockerfile:9) → node ./main.js (packages/api/Dockerfile:9)',
        '    → packages/api/src/main.ts',
        '',
      ].join('\n'),
    );
  });

  it('near miss: an ARG without a default or a build value stops with that reason', async () => {
    const units = runChains(await modelOf('docker-args'));
    const worker = unitById(units, 'compose.yaml#worker')!;
    expect(worker.status).toBe('stopped');
    expect(worker.stop).toBe('the COPY at packages/worker/Dockerfile:4 uses component, which no default or build gives a value: what the image holds there is not known');
    // A COPY with an unknown variable elsewhere in the image is not the reason.
    expect(unitById(units, 'packages/cert/Dockerfile')!.stop).toBe('./missing.js is not a source file of the repository, nor a build output mapped back to one (packages/cert/missing.js)');
  });
});

describe('docker: builds written down by compose, CI workflows and bake files', () => {
  it('lists each build with its Dockerfile, context, target, plain build arguments and image names', async () => {
    const builds = dockerBuilds(await modelOf('docker-builds'));
    expect(builds.map((b) => ({ origin: b.origin, dockerfile: b.dockerfile, context: b.context, target: b.target, args: Object.fromEntries(b.args), images: b.images, via: b.via }))).toEqual([
      // A matrix entry that names an image and its Dockerfile (the step's `file` is an expression).
      { origin: 'ci', dockerfile: 'docker/worker/Dockerfile', context: '.', target: undefined, args: {}, images: ['acme/worker'], via: '.github/workflows/release.yml' },
      { origin: 'ci', dockerfile: 'Dockerfile', context: '.', target: undefined, args: {}, images: ['acme/web'], via: '.github/workflows/release.yml' },
      // A `docker build` line; the one whose -f is a variable is left out.
      { origin: 'ci', dockerfile: 'apps/api/Dockerfile', context: '.', target: 'runner', args: { APP: 'api' }, images: ['ghcr.io/acme/api'], via: '.github/workflows/release.yml' },
      { origin: 'bake', dockerfile: 'Dockerfile', context: '.', target: 'jobs', args: { JOB: 'cleanup' }, images: ['acme/jobs'], via: 'bake target jobs (docker-bake.hcl:5)' },
    ]);
  });

  it('links an image a workflow or bake file tags to its Dockerfile and stage', async () => {
    const sm = (await modelOf('docker-builds')).services();
    const of = (id: string) => sm.units.find((u) => u.id === id)!;
    expect([of('compose.yaml#worker').dockerfile, of('compose.yaml#worker').dockerfileVia]).toEqual(['docker/worker/Dockerfile', 'image acme/worker is built by .github/workflows/release.yml']);
    expect([of('compose.yaml#jobs').dockerfile, of('compose.yaml#jobs').stage]).toEqual(['Dockerfile', 'jobs']);
    expect([of('compose.yaml#api').dockerfile, of('compose.yaml#api').stage]).toEqual(['apps/api/Dockerfile', 'runner']);
  });

  it('the build arguments the builds of a stage agree on', async () => {
    const model = await modelOf('docker-builds');
    expect(agreedBuildArgs(model, 'Dockerfile', 'jobs')).toEqual(new Map([['JOB', 'cleanup']]));
    // The last stage is built with no argument; another Dockerfile's arguments do not count.
    expect(agreedBuildArgs(model, 'Dockerfile', undefined)).toBeUndefined();
    expect(agreedBuildArgs(model, 'apps/api/Dockerfile', 'runner')).toEqual(new Map([['APP', 'api']]));
  });
});

describe('docker: a build output laid out like the repository', () => {
  const dockerfile = ['FROM nginx:1.20-alpine', 'WORKDIR /app', 'COPY ./dist/packages/client .', 'ENTRYPOINT ["/app/scripts/entrypoint.sh"]', ''].join('\n');

  it('maps an asset the build copied as it is (dist/packages/client/scripts/x.sh) to the repository file', () => {
    const toRepo = mapper(dockerfile, ['packages/client/scripts/entrypoint.sh', 'packages/client/src/main.tsx']);
    expect(toRepo('/app/scripts/entrypoint.sh')).toBe('packages/client/scripts/entrypoint.sh');
  });

  it('near misses: a file not in the repository, a file one folder deep', () => {
    const toRepo = mapper(dockerfile, ['packages/client/src/main.tsx']);
    expect(toRepo('/app/scripts/entrypoint.sh')).toBe('dist/packages/client/scripts/entrypoint.sh');
    const shallow = mapper(['FROM node:20', 'WORKDIR /app', 'COPY dist/server .', 'CMD ["node", "index.js"]', ''].join('\n'), ['server/index.js']);
    expect(shallow('/app/index.js')).toBe('dist/server/index.js');
  });
});

describe('docker: the reason a unit stops', () => {
  it('is the stop of the process the entry script execs, not of a check before it', async () => {
    const units = runChains(await modelOf('docker-prestart'));
    const unit = unitById(units, 'Dockerfile')!;
    expect(unit.branches.map((b) => b.stop)).toEqual([
      '/home/app/validate-env.mjs is not a source file of the repository, nor a build output mapped back to one (validate-env.mjs)',
      'server/index.js is not a source file of the repository, nor a build output mapped back to one (server/index.js)',
    ]);
    expect(unit.stop).toBe('server/index.js is not a source file of the repository, nor a build output mapped back to one (server/index.js)');
  });
});
