import * as esbuild from 'esbuild';

await esbuild.build({ entryPoints: ['src/s3.ts'], bundle: true, outfile: 'dist/index.js' });
