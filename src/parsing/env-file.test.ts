import { describe, expect, it } from 'vitest';
import { isEnvTemplate } from './env-file.js';

describe('isEnvTemplate', () => {
  it.each(['.env.example', 'env.sample', '.env.template', 'api.example.env', 'example.env', 'sample.env', 'sample.production.env', '.env.production.example'])('%s is a template', (name) => {
    expect(isEnvTemplate(name)).toBe(true);
  });
  // Near misses: real settings whose names merely contain the words.
  it.each(['.env', '.env.production', 'examples.env', 'counterexample.env', 'prod.env'])('%s is not', (name) => {
    expect(isEnvTemplate(name)).toBe(false);
  });
});
