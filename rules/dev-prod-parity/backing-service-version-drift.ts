import { defineRule } from '../../src/rule-api/types.js';
import { sightings, type Sighting } from './_backing.js';

const messages = {
  versionDrift: '{{name}} runs {{devTag}} in development but {{prodTag}} in production ({{file}}:{{line}}).',
};

export default defineRule({
  id: 'dev-prod-parity/backing-service-version-drift',
  factor: 'dev-prod-parity',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['xf', 'compose', 'k8s'],
  roles: ['runtime', 'dev'],
  mattersOutsideRuntime: 'dev/prod parity judges the development set-up against production',
  docs: {
    description: 'The same backing-service image runs at different versions across environments (postgres:14 in the dev compose file, postgres:16 in the production manifests)',
    remediation:
      'Use the same version of each backing service in every environment: pin one tag (ideally from one place: an `.env` variable read by compose, a kustomization `images:` entry) and upgrade dev and prod together.',
  },
  messages,
  checkProject(model, ctx) {
    const byImage = new Map<string, { dev: Sighting[]; prod: Sighting[] }>();
    for (const s of sightings(model)) {
      if (!s.image?.tag) continue;
      const version = versionOf(s.image.tag);
      if (!version) continue;
      const entry = byImage.get(s.image.name) ?? { dev: [], prod: [] };
      entry[s.side].push(s);
      byImage.set(s.image.name, entry);
    }
    for (const [name, { dev, prod }] of byImage) {
      for (const d of dev) {
        const dv = versionOf(d.image!.tag!)!;
        // Compare at the precision both sides give: 16 and 16.2 agree, 15 and 16 do not.
        const other = prod.find((p) => !compatible(dv, versionOf(p.image!.tag!)!));
        if (!other || prod.some((p) => compatible(dv, versionOf(p.image!.tag!)!))) continue;
        ctx.report({
          loc: { file: d.file, line: d.line, column: d.column },
          messageId: 'versionDrift',
          data: { name, devTag: d.image!.tag!, prodTag: other.image!.tag!, file: other.file, line: other.line },
          evidence: `${name}:${d.image!.tag}`,
        });
      }
    }
  },
});

/** `16.2-alpine` -> [16, 2]; `latest`, `alpine`, `bookworm` -> undefined. */
function versionOf(tag: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

function compatible(a: number[], b: number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
