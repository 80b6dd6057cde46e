import * as esbuild from 'esbuild';

// The server is bundled from scripts/main.ts into build/main.js; the worker into out/.
await esbuild.build({ entryPoints: ['scripts/main.ts'], bundle: true, platform: 'node', outfile: 'build/main.js' });
await esbuild.build({ entryPoints: ['scripts/worker.ts'], bundle: true, platform: 'node', outdir: 'out' });
