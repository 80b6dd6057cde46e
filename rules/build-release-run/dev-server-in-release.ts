import { defineRule } from '../../src/rule-api/types.js';
import type { RunLeaf } from '../../src/model/run-commands.js';
import { forEachReleaseLeaf, scriptName, toolArgv, type Judged } from './_run-leaves.js';

const DEV_SCRIPT = /^(dev|develop|watch|serve:dev|start:dev|start:watch|start:debug)([:_-].*)?$|[:_-](dev|watch)$/;

/** Node server tools that watch or compile TypeScript on the fly: dev tools wherever they run. */
function serverDevTool(program: string, args: string[]): string | null {
  switch (program) {
    case 'nodemon':
    case 'ts-node-dev':
    case 'tsnd':
    case 'node-dev':
    case 'supervisor':
      return `${program} (a file watcher that restarts the process when code changes)`;
    case 'ts-node':
    case 'ts-node-esm':
    case 'babel-node':
      return `${program} (compiles the source on the fly at every start)`;
    case 'tsx':
      return args[0] === 'watch' ? 'tsx watch (a file watcher)' : 'tsx (compiles the source on the fly at every start)';
    case 'node':
      if (args.some((a) => a === '--watch' || a.startsWith('--watch-path'))) return 'node --watch (a file watcher)';
      if (args.some((a) => /^(ts-node|tsx)(\/|$)/.test(a) || a === 'ts-node/register' || a === 'tsx/esm')) return 'node with a TypeScript loader (ts-node/tsx compile the source at every start)';
      return null;
    case 'nest':
      return args[0] === 'start' && args.some((a) => a === '--watch' || a === '-w' || a === '--debug' || a === '-d') ? 'nest start --watch (a file watcher)' : null;
    case 'tsc':
      return args.some((a) => a === '-w' || a === '--watch') ? 'tsc --watch' : null;
    default:
      return null;
  }
}

/** Front-end and framework dev servers. */
function frameworkDevServer(program: string, args: string[]): string | null {
  const sub = args.find((a) => !a.startsWith('-'));
  switch (program) {
    case 'next':
    case 'nuxt':
    case 'nuxi':
    case 'astro':
    case 'remix':
      return sub === 'dev' ? `${program} dev (the development server)` : null;
    case 'vite':
      return sub === undefined || sub === 'dev' || sub === 'serve' || sub === 'preview' ? `vite${sub ? ` ${sub}` : ''} (the development server)` : null;
    case 'webpack-dev-server':
      return 'webpack-dev-server';
    case 'webpack':
      return sub === 'serve' ? 'webpack serve (the development server)' : null;
    case 'react-scripts':
      return sub === 'start' ? 'react-scripts start (the development server)' : null;
    case 'ng':
      return sub === 'serve' ? 'ng serve (the development server)' : null;
    case 'gatsby':
      return sub === 'develop' ? 'gatsby develop (the development server)' : null;
    default:
      return null;
  }
}

const messages = {
  devServer: 'The release runs {{what}} ({{chain}}): code is served from the working tree as it changes, not from an immutable build.',
};

export default defineRule({
  id: 'build-release-run/dev-server-in-release',
  factor: 'build-release-run',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  targets: ['dockerfile', 'compose', 'k8s', 'procfile', 'package-json', 'xf'],
  docs: {
    description: 'A development server or watcher (nodemon, ts-node, `npm run dev`, `next dev`, vite) is what the release runs',
    remediation: 'Build once (tsc, next build, vite build) when the image is built and run the output with node (`node dist/server.js`, `next start`); keep watchers in dev-only compose files and scripts.',
  },
  messages,
  checkProject(model, ctx) {
    forEachReleaseLeaf(
      model,
      judge,
      (leaf, judged, chain) => {
        ctx.report({
          loc: leaf.at,
          messageId: 'devServer',
          data: { what: judged.what, chain },
          evidence: leaf.argv.join(' ').slice(0, 120),
        });
      },
    );
  },
});

function judge(leaf: RunLeaf): Judged | null {
  const { argv } = toolArgv(leaf.argv);
  const program = argv[0]?.split('/').pop();
  if (program === undefined) return null;
  const args = argv.slice(1);
  // `"start": "vite"` in a front-end package is that package's dev convenience, not a release: its
  // release is the static build. Only a deployment file (Dockerfile, compose, k8s, Procfile) running
  // it makes it one. Node server watchers in scripts.start are reported either way.
  const deployed = leaf.command.origin !== 'package-start';
  const server = serverDevTool(program, args);
  if (server) return { what: server };
  if (!deployed) return null;
  const framework = frameworkDevServer(program, args);
  if (framework) return { what: framework };
  const script = scriptName(argv);
  if (script !== undefined && DEV_SCRIPT.test(script)) return { what: `\`${argv.join(' ')}\`` };
  return null;
}
