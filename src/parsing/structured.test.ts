import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStructured, parseYamlDocs, positionOf, valuePositionOf } from './structured.js';

describe('YAML merge keys and aliases', () => {
  const text = [
    'x-env: &env', // 1
    '  environment: &appenv', // 2
    '    DATABASE_URL: postgres://db/app', // 3
    '    LOG_LEVEL: info', // 4
    'x-limits: &limits', // 5
    '  mem_limit: 512m', // 6
    'services:', // 7
    '  api:', // 8
    '    <<: [*env, *limits]', // 9
    '    image: api:1', // 10
    '  worker:', // 11
    '    environment:', // 12
    '      LOG_LEVEL: debug', // 13
    '      <<: *appenv', // 14
    '  cron:', // 15
    '    environment: *appenv', // 16
    '',
  ].join('\n');
  const [doc] = parseYamlDocs(text);

  it('applies merge keys to the value, explicit keys winning wherever they are written', () => {
    const services = (doc!.value as { services: Record<string, Record<string, unknown>> }).services;
    expect(services.api).toEqual({ environment: { DATABASE_URL: 'postgres://db/app', LOG_LEVEL: 'info' }, mem_limit: '512m', image: 'api:1' });
    expect(services.worker!.environment).toEqual({ LOG_LEVEL: 'debug', DATABASE_URL: 'postgres://db/app' });
  });

  it('places merged and aliased values on the anchor lines where they are written', () => {
    expect(valuePositionOf(doc!, '/services/api/environment/DATABASE_URL').line).toBe(3);
    expect(positionOf(doc!, '/services/api/mem_limit').line).toBe(6);
    expect(positionOf(doc!, '/services/api/image').line).toBe(10);
    expect(valuePositionOf(doc!, '/services/worker/environment/DATABASE_URL').line).toBe(3);
    expect(valuePositionOf(doc!, '/services/worker/environment/LOG_LEVEL').line).toBe(13);
    expect(valuePositionOf(doc!, '/services/cron/environment/LOG_LEVEL').line).toBe(4);
    expect(Object.keys(doc!.positions).some((p) => p.includes('<<'))).toBe(false);
  });

  it('reads a document whose merge source is not a map as written, instead of failing', () => {
    const [odd] = parseYamlDocs('a:\n  <<: just-a-string\n  b: 1\n');
    expect(odd!.value).toEqual({ a: { '<<': 'just-a-string', b: 1 } });
  });

  it('walks an alias bomb only up to a budget, then fails with a clear error, quickly', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('b: {<<: {k: 1}}');
    const started = Date.now();
    expect(() => parseYamlDocs(lines.join('\n'))).toThrow(/alias|expand/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('parseStructured: YAML', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the yaml package quiet on templated YAML: no process warning, no console output', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A Helm-style key outside templates/ is a flow map used as a key: the yaml package warns that it stringifies it.
    const docs = parseStructured('metadata:\n  {{ .Values.name }}: x\n  name: api\n');
    expect(docs).toHaveLength(1);
    expect((docs[0]!.value as { metadata: Record<string, unknown> }).metadata.name).toBe('api');
    expect(emitted).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
  });
});
