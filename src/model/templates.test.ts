import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../engine/audit.js';
import unpinnedImage from '../../rules/build-release-run/unpinned-image.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__/templates');

async function run(name: string) {
  const result = await audit({ root: path.join(FIXTURES, name), rules: [unpinnedImage] });
  return result.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('Helm charts', () => {
  it('reports one info diagnostic per chart, no parse errors, and judges values images', async () => {
    expect(await run('chart')).toEqual([
      'deploy/chart/Chart.yaml:1 info template-not-rendered Helm chart deploy/chart: 2 templates not rendered, so rules did not read them (render with `helm template` and audit the output to check them); images in values.yaml are still checked.',
      'deploy/chart/values.yaml:4 error build-release-run/unpinned-image Image ghcr.io/shop/api:latest in Helm values image uses the mutable latest tag.',
      'deploy/chart/values.yaml:15 error build-release-run/unpinned-image Image ghcr.io/shop/api in Helm values migrations.image has no tag: it means latest, so every pull may get a different image.',
    ]);
  });

  it('lets an empty tag fall back on the chart appVersion', async () => {
    expect(await run('chart-with-app-version')).toEqual([
      'Chart.yaml:1 info template-not-rendered Helm chart (root): 1 template not rendered, so rules did not read them (render with `helm template` and audit the output to check them); images in values.yaml are still checked.',
    ]);
  });
});

describe('templated YAML with no Chart.yaml', () => {
  it('is said to be unread without being called a Helm chart', async () => {
    expect(await run('templates-without-chart')).toEqual([
      'docs-gen/templates/markdown/weaver.yaml:1 info template-not-rendered 1 YAML template under docs-gen/templates/ not rendered (their {{ }} placeholders are not YAML; no Chart.yaml says they are a Helm chart), so rules did not read them.',
    ]);
  });
});

describe('kustomize images overrides', () => {
  it('count when judging the tag of a base manifest an overlay builds', async () => {
    expect(await run('kustomize')).toEqual([
      'base/deployment.yaml:12 error build-release-run/unpinned-image Image ghcr.io/shop/sidecar:latest in Deployment api container sidecar uses the mutable latest tag (ghcr.io/shop/sidecar resolves to ghcr.io/shop/sidecar:latest).',
    ]);
  });
});

describe('skaffold', () => {
  it('treats images skaffold builds as placeholders it tags at deploy', async () => {
    expect(await run('skaffold')).toEqual([
      'k8s/deployment.yaml:12 error build-release-run/unpinned-image Image redis in Deployment api container cache has no tag: it means latest, so every pull may get a different image.',
    ]);
  });
});
