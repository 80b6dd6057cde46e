import { describe, expect, it } from 'vitest';
import { hoists, type WorkspaceLayout } from './packages.js';

const layout = (publicHoistPatterns: string[]): WorkspaceLayout => ({
  root: '.',
  manager: 'pnpm',
  hoisting: 'patterns',
  publicHoistPatterns,
  describe: 'pnpm public-hoist-pattern puts it in the root node_modules',
  members: [],
});

describe('hoists (pnpm public-hoist-pattern)', () => {
  it('matches `*` globs over the whole name, the last matching pattern deciding', () => {
    const l = layout(['*eslint*', '@opentelemetry/*', '!@opentelemetry/sdk-*']);
    expect(hoists(l, '@typescript-eslint/parser')).toBe(true);
    expect(hoists(l, '@opentelemetry/api')).toBe(true);
    expect(hoists(l, '@opentelemetry/sdk-node')).toBe(false);
    expect(hoists(l, 'opentelemetry')).toBe(false);
    expect(hoists(l, 'prettier')).toBe(false);
  });

  it('stays linear on a pattern from a hostile .npmrc', () => {
    const started = performance.now();
    expect(hoists(layout([`${'*a'.repeat(5000)}b`]), 'a'.repeat(214))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('hoists everything or nothing outside pattern mode', () => {
    expect(hoists({ ...layout([]), hoisting: 'all' }, 'keyv')).toBe(true);
    expect(hoists({ ...layout(['*']), hoisting: 'none' }, 'keyv')).toBe(false);
  });
});
