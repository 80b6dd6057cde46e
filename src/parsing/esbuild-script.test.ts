import { describe, expect, it } from 'vitest';
import { parseTypeScript } from './typescript.js';
import { esbuildOutputs, mayCallEsbuild } from './esbuild-script.js';

const outputs = (code: string) => esbuildOutputs(parseTypeScript('scripts/build.ts', code).sourceFile);

describe('esbuild build scripts, read statically', () => {
  it('reads literal entry points with an outfile or an outdir', () => {
    const code = `import * as esbuild from 'esbuild';\nawait esbuild.build({ entryPoints: ['src/main.ts'], outfile: 'dist/main.js' });\nesbuild.buildSync({ entryPoints: ['src/a.ts', 'src/b.ts'], outdir: 'out' });`;
    expect(mayCallEsbuild(code)).toBe(true);
    expect(outputs(code)).toEqual([
      { entries: ['src/main.ts'], outfile: 'dist/main.js', line: 2 },
      { entries: ['src/a.ts', 'src/b.ts'], outdir: 'out', line: 3 },
    ]);
  });
  it('near misses: computed entries, no output path, another build() taking no options object', () => {
    expect(outputs(`await esbuild.build({ entryPoints: files, outfile: 'dist/main.js' });`)).toEqual([]);
    expect(outputs(`await esbuild.build({ entryPoints: ['src/main.ts'], write: false });`)).toEqual([]);
    expect(outputs(`await app.build('src/main.ts');`)).toEqual([]);
    expect(mayCallEsbuild(`export const entryPoints = ['a'];`)).toBe(false);
  });
});
