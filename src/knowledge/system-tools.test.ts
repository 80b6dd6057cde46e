import { describe, expect, it } from 'vitest';
import { CHILD_PROCESS_MODULES } from './system-tools.js';
import { factsOf } from '../testing/knowledge-probe.js';

/** One example per module: the program it runs must be recorded. */
const EXAMPLES: Record<string, string> = {
  child_process: `import { execFile } from 'node:child_process';\nexecFile('ffmpeg', ['-i', 'in.mp4']);`,
  'promisify-child-process': `const { exec } = require('promisify-child-process');\nawait exec('ffmpeg -i in.mp4 out.webm');`,
  execa: `import { execa } from 'execa';\nawait execa('ffmpeg', ['-i', 'in.mp4']);`,
  'cross-spawn': `const spawn = require('cross-spawn');\nspawn.sync('ffmpeg', ['-i', 'in.mp4']);`,
};

describe('system tools: every child-process module is recognised', () => {
  for (const m of CHILD_PROCESS_MODULES) {
    it(`${m.module}: ${m.why}`, () => {
      expect(EXAMPLES[m.module], `an example for ${m.module}`).toBeDefined();
      expect(factsOf(EXAMPLES[m.module]!).childProcesses.map((c) => c.command)).toEqual(['ffmpeg']);
    });
  }
  it('a function of the same name from elsewhere is not a child process', () => {
    expect(factsOf(`import { exec } from './db';\nexec('ffmpeg');`).childProcesses).toEqual([]);
    expect(factsOf(`import { sync } from 'glob';\nsync('ffmpeg');`).childProcesses).toEqual([]);
  });
  it('the default export of execa (before v6) and cross-spawn are callable', () => {
    expect(factsOf(`const execa = require('execa');\nexeca('convert', ['a.png', 'b.jpg']);`).childProcesses.map((c) => [c.fn, c.command])).toEqual([['execa', 'convert']]);
    expect(factsOf(`import spawn from 'cross-spawn';\nspawn('convert', []);`).childProcesses.map((c) => [c.fn, c.command])).toEqual([['spawn', 'convert']]);
  });
});
