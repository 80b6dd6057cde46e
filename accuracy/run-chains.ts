// `node dist/accuracy/run-chains.js <folder of checkouts> [--only a+b,c+d] [--list]`: how far the run
// chain of every deployable unit gets on real repositories (docs/accuracy.md "Run chains"). A unit
// reaches a source entry, stops inside the repository for the reason it states, or runs nothing of
// the repository (an image from a registry, a program of the base image). Production units only (dev
// and test units are counted apart): the rules judge those. Never runs anything from a checkout.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildModel } from '../src/cli/commands/model.js';
import { runChains } from '../src/model/run-chain.js';
import { isNonProduction } from '../src/model/file-role.js';

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith('-') && args[args.indexOf(a) - 1] !== '--only');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
const list = args.includes('--list');
if (!root) {
  process.stderr.write('usage: run-chains <folder of checkouts> [--only a+b] [--list]\n');
  process.exit(2);
}
const repos = readdirSync(root).filter((d) => d.includes('+') && statSync(path.join(root, d)).isDirectory() && (!only || only.has(d))).sort();
const total = { reached: 0, stopped: 0, external: 0, nonProduction: 0 };
const stops = new Map<string, number>();
for (const repo of repos) {
  const model = await buildModel(path.join(root, repo), { config: false });
  const counts = { reached: 0, stopped: 0, external: 0, nonProduction: 0 };
  for (const u of runChains(model)) {
    if (isNonProduction(u.environment)) {
      counts.nonProduction++;
      continue;
    }
    counts[u.status]++;
    if (u.status === 'stopped') {
      const reason = (u.stop ?? 'not followed').replace(/\S+\/\S+|\S+\.(js|ts|json|sh)\b/g, '<path>');
      stops.set(reason, (stops.get(reason) ?? 0) + 1);
    }
    if (list && u.status !== 'reached') process.stdout.write(`  ${repo} ${u.label} (${u.at.file}:${u.at.line}) ${u.status}: ${u.stop ?? ''}\n`);
  }
  for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += counts[k];
  process.stdout.write(`${repo}: reached ${counts.reached}, stopped ${counts.stopped}, external ${counts.external} (dev/test ${counts.nonProduction})\n`);
}
const inRepo = total.reached + total.stopped;
process.stdout.write(`\ntotal: ${total.reached} of ${inRepo} units whose code is in the repository reach a source entry (${inRepo === 0 ? '-' : ((100 * total.reached) / inRepo).toFixed(1)} %); ${total.external} run nothing of the repository; ${total.nonProduction} dev/test units not counted\n`);
for (const [reason, n] of [...stops].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${n} × ${reason}\n`);
