import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../engine/audit.js';
import { rules } from '../../rules/index.js';
import { buildModel, formatModel } from '../cli/commands/model.js';
import { run } from '../cli/main.js';

const MONOREPO = path.join(import.meta.dirname, '../../fixtures/monorepo');

describe('service model on the fixture monorepo', () => {
  it('links each Dockerfile, compose service and k8s container to its code', async () => {
    const model = await buildModel(MONOREPO);
    const sm = model.services();
    const byName = Object.fromEntries(sm.services.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(['api', 'migrate', 'redis', 'worker']);
    expect(byName.api!.entries).toEqual(['apps/api/src/main.ts']);
    expect(byName.api!.units.map((u) => u.id).sort()).toEqual(['apps/api/Dockerfile', 'compose.yaml#api', 'k8s/api.yaml#Deployment/api/api']);
    expect(byName.worker!.units.map((u) => u.id).sort()).toEqual(['apps/worker/Dockerfile', 'compose.yaml#worker', 'k8s/worker.yaml#Deployment/worker/worker']);
    expect(byName.migrate!.units.map((u) => u.id).sort()).toEqual(['apps/migrate/Dockerfile', 'compose.yaml#migrate', 'k8s/migrate-job.yaml#Job/migrate/migrate']);
    expect(byName.migrate!.packageDirs).toEqual(['apps/migrate']);
    const k8sApi = sm.units.find((u) => u.id === 'k8s/api.yaml#Deployment/api/api')!;
    expect(k8sApi.dockerfile).toBe('apps/api/Dockerfile');
    expect(k8sApi.dockerfileVia).toBe('image ghcr.io/acme/api is built by compose');
    expect(k8sApi.ports.map((p) => `${p.what}:${p.port}`)).toEqual(['containerPort:8080', 'Service api targetPort:8080', 'EXPOSE:3000']);
    expect(k8sApi.codePorts).toMatchObject([{ file: 'apps/api/src/main.ts', line: 7, env: 'PORT', literal: 3000 }]);
    // A compose service with an image only and no code: nothing to follow, rules stay silent.
    expect(byName.redis!.units[0]!.runsUnknown).toBe(true);
  });

  it('prints the links', async () => {
    const text = formatModel(await buildModel(MONOREPO));
    expect(text).toContain('service api\n  package: apps/api\n  entrypoints: apps/api/src/main.ts');
    expect(text).toContain('    dockerfile: apps/api/Dockerfile (compose build (compose.yaml:3))');
    expect(text).toContain('  k8s Job migrate container migrate (k8s/migrate-job.yaml:10) [unknown]\n    image: ghcr.io/acme/migrate\n    dockerfile: apps/migrate/Dockerfile (image ghcr.io/acme/migrate is built by compose)\n    run command: Dockerfile CMD → apps/migrate/src/migrate.ts');
    expect(text).toContain('    code listens: env PORT ?? 3000 (apps/api/src/main.ts:7)');
  });

  it('gives each cross-file rule the right files', async () => {
    const result = await audit({ root: MONOREPO, rules });
    const found = result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    expect(found).toEqual([
      // The worker image runs `npm start`: npm is PID 1 in front of apps/worker/src/worker.ts.
      'disposability/signal-swallowing-entrypoint apps/worker/Dockerfile:5',
      // compose publishes 9090 for the worker, whose code never listens.
      'port-binding/missing-port-binding compose.yaml:14',
      // The api Deployment gives 20 s; apps/api/src/main.ts allows itself 45 s.
      'disposability/zero-grace-period k8s/api.yaml:15',
      // The api container and its Service say 8080; apps/api/src/main.ts listens on PORT ?? 3000 and PORT is unset.
      'port-binding/port-mismatch k8s/api.yaml:20',
      'port-binding/port-mismatch k8s/api.yaml:36',
      // The worker Deployment's missing liveness probe is info (it serves no port: nothing to probe
      // over HTTP), and the migration Job is not judged.
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'disposability/missing-probes').map((f) => `${f.severity} ${f.file}:${f.line}`)).toEqual(['info k8s/worker.yaml:16']);
    const mismatch = result.findings.find((f) => f.ruleId === 'port-binding/port-mismatch')!;
    expect(mismatch.message).toContain('apps/api/src/main.ts:7');
    const grace = result.findings.find((f) => f.ruleId === 'disposability/zero-grace-period')!;
    expect(grace.message).toContain('apps/api/src/main.ts:12');
  });

  it('is printed by `twelve-factor-audit model`', async () => {
    let out = '';
    const code = await run(['model', MONOREPO], { stdout: (x) => (out += x), stderr: () => {}, isTTY: false, cwd: process.cwd() });
    expect(code).toBe(0);
    expect(out).toContain('  k8s Deployment worker container worker (k8s/worker.yaml:16) [unknown]');
    expect(out).toContain('Dockerfile CMD (apps/worker/Dockerfile:5) [unknown]\n  npm start  ← Dockerfile CMD (apps/worker/Dockerfile:5)');
  });
});

describe('service model links', () => {
  it('links images named after a Dockerfile folder (also with a prefix), follows pm2-runtime, leaves others unlinked', async () => {
    const model = await buildModel(path.join(import.meta.dirname, '__fixtures__/services-links'));
    const units = Object.fromEntries(model.services().units.map((u) => [u.id, u]));
    const result = units['k8s/apps.yaml#Deployment/result/result']!;
    expect(result.dockerfile).toBe('result/Dockerfile');
    expect(result.dockerfileVia).toBe("image acme/examplevotingapp_result ends with the name of the Dockerfile's folder");
    // WORKDIR /usr/src/app/result with the folder as context; pm2-runtime runs dist/main.js in the foreground.
    expect(result.entries).toEqual(['result/src/main.ts']);
    expect(result.runsUnknown).toBe(false);
    expect(units['k8s/apps.yaml#Deployment/vote/vote']!.dockerfile).toBe('vote/Dockerfile');
    // gunicorn is not followed to code: rules stay silent on it.
    expect(units['k8s/apps.yaml#Deployment/vote/vote']!.runsUnknown).toBe(true);
    expect(units['k8s/apps.yaml#Deployment/vote/proxy']!.dockerfile).toBeUndefined();
    // A backing service's image that ends like a folder (`redis-stack-server` beside server/) is not built there.
    expect(units['k8s/apps.yaml#Deployment/vote/cache']!.dockerfile).toBeUndefined();
  });
});

