// What the release really runs, for build-at-runtime and dev-server-in-release: the leaves of every
// run command (model.runCommands()), without dev/test run commands, each place once, and without
// the commands below a leaf already reported (`npm run build` is the harm, not the `tsc` it starts).

import type { ProjectModel } from '../../src/model/project-model.js';
import { describeChain, type RunLeaf } from '../../src/model/run-commands.js';
import { isNonProduction } from '../../src/model/file-role.js';

export interface Judged {
  /** What to say about the leaf, or null when it is fine. */
  what: string;
  /** Why it matters, when it differs from the rule's usual explanation. */
  why?: string;
  severity?: 'error' | 'warning' | 'info';
}

/** A tool run through a package runner: `npx tsc`, `pnpm exec tsc`, `yarn dlx x`, `node_modules/.bin/tsc`. */
export function toolArgv(argv: string[]): { argv: string[]; runner?: string } {
  const [head, ...rest] = argv;
  if (head === undefined) return { argv };
  const base = head.split('/').pop()!;
  const skipFlags = (words: string[]) => {
    const out = words.slice();
    while (out[0] !== undefined && out[0].startsWith('-')) {
      const flag = out.shift()!;
      if ((flag === '-p' || flag === '--package') && out.length > 1) out.shift();
    }
    return out;
  };
  if (base === 'npx' || base === 'bunx') return { argv: skipFlags(rest), runner: base };
  if ((base === 'pnpm' || base === 'yarn') && (rest[0] === 'exec' || rest[0] === 'dlx')) return { argv: skipFlags(rest.slice(1)), runner: `${base} ${rest[0]}` };
  if (base === 'npm' && rest[0] === 'exec') return { argv: skipFlags(rest.slice(1)).filter((w, i) => !(i === 0 && w === '--')), runner: 'npm exec' };
  if (head.includes('node_modules/.bin/')) return { argv: [base, ...rest] };
  return { argv };
}

export interface ProductionLeafOptions {
  /** Also visit run commands of dev/test files (for rules that report them as info). */
  includeNonProduction?: boolean;
}

export function forEachReleaseLeaf(
  model: ProjectModel,
  judge: (leaf: RunLeaf) => Judged | null,
  report: (leaf: RunLeaf, judged: Judged, chain: string) => void,
  options: ProductionLeafOptions = {},
): void {
  const reportedPlaces = new Set<string>();
  const reportedSteps = new Set<string>();
  // Commands written in deployment files first: their chains say more than `scripts.start` alone.
  const commands = [...model.runCommands()].sort((a, b) => Number(a.command.origin === 'package-start') - Number(b.command.origin === 'package-start'));
  // `scripts.start` is the run command of a platform that runs `npm start` (Heroku, Render...) only
  // when nothing else says how the service starts. In a repository with a Dockerfile, compose,
  // Kubernetes or Procfile command, the `start` of each package is a developer convenience (libraries
  // of a monorepo often have `"start": "tsc -w"`): what the deployment files run is judged instead.
  const deployed = commands.some((c) => c.command.origin !== 'package-start' && !model.files.get(c.command.at.file)?.isTest);
  for (const { command, leaves } of commands) {
    if (command.origin === 'package-start' && deployed) continue;
    if (!options.includeNonProduction && isNonProduction(command.environment)) continue;
    if (model.files.get(command.at.file)?.isTest) continue;
    for (const leaf of leaves) {
      if (leaf.chain.some((s) => reportedSteps.has(`${s.file}:${s.line}:${s.column}:${s.label}`))) continue;
      const judged = judge(leaf);
      if (!judged) continue;
      const place = `${leaf.at.file}:${leaf.at.line}:${leaf.argv.join(' ')}`;
      reportedSteps.add(`${leaf.at.file}:${leaf.at.line}:${leaf.at.column}:${leaf.argv.slice(0, 3).join(' ')}`);
      if (reportedPlaces.has(place)) continue;
      reportedPlaces.add(place);
      report(leaf, judged, describeChain(leaf));
    }
  }
}

/** `scripts.build` when the leaf is `npm run build` / `yarn build` / `pnpm build`. */
export function scriptName(argv: string[]): string | undefined {
  const [pm, sub, name] = argv;
  if (pm === undefined) return undefined;
  const base = pm.split('/').pop()!;
  if (!['npm', 'pnpm', 'yarn', 'bun'].includes(base)) return undefined;
  if (sub === 'run' || sub === 'run-script') return name;
  if (sub === 'start') return 'start';
  if (base !== 'npm' && sub !== undefined && !sub.startsWith('-')) return sub;
  return undefined;
}
