import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapePointer, isRecord, parseStructured, parseYamlDocs, positionOf, scalarLeaves, valuePositionOf } from './structured.js';

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

describe('scalarLeaves', () => {
  /** The plain recursive definition: every leaf, depth first, with its pointer, map keys and the container holding it. */
  function reference(value: unknown, pointer = '', keys: string[] = [], parent?: unknown): Array<{ pointer: string; keys: string[]; value: unknown; parent: unknown }> {
    if (Array.isArray(value)) return value.flatMap((v, i) => reference(v, `${pointer}/${i}`, keys, value));
    if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => reference(v, `${pointer}/${escapePointer(k)}`, [...keys, k], value));
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [{ pointer, keys, value, parent }] : [];
  }

  /** Seeded random documents: maps, lists, scalars, nulls, empty containers, keys with / and ~, numeric keys. */
  function randomValue(seed: number): unknown {
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const make = (depth: number): unknown => {
      const r = next();
      if (depth > 5 || r < 0.3) return [() => 'v' + Math.floor(next() * 1e6), () => Math.floor(next() * 100), () => next() < 0.5, () => null, () => 'a long value here'][Math.floor(next() * 5)]!();
      const n = Math.floor(next() * 5);
      if (r < 0.6) return Array.from({ length: n }, () => make(depth + 1));
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) out[['k', 'a/b', 't~x', '10', '2', 'value', 'name'][Math.floor(next() * 7)]! + (next() < 0.5 ? i : '')] = make(depth + 1);
      return out;
    };
    return make(0);
  }

  it('gives what the recursive definition gives, in the same order, with and without a filter', () => {
    const accept = (v: string | number | boolean) => typeof v === 'string' && v.length >= 8;
    let leaves = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const value = randomValue(seed);
      const expected = reference(value);
      leaves += expected.length;
      const got = [...scalarLeaves(value)];
      expect(got, `seed ${seed}`).toEqual(expected);
      // The very container, not an equal copy.
      got.forEach((leaf, i) => expect(leaf.parent).toBe(expected[i]!.parent));
      expect([...scalarLeaves(value, accept)], `seed ${seed}`).toEqual(expected.filter((l) => accept(l.value as string | number | boolean)));
    }
    expect(leaves).toBeGreaterThan(1000);
    expect([...scalarLeaves('top')]).toEqual([{ pointer: '', keys: [], value: 'top', parent: undefined }]);
    expect([...scalarLeaves(null)]).toEqual([]);
  });
});

describe('large documents of ordinary aliases', () => {
  it('a compose file of 150 services merging defaults that hold 10 aliases of their own parses (getsentry/self-hosted); an alias bomb still does not', () => {
    const deps = Array.from({ length: 10 }, (_, i) => `    db${i}:\n      <<: *healthy`).join('\n');
    const env = (i: number) => Array.from({ length: 4 }, (_, k) => `      SETTING_${k}: "value-${k}-of-service-${i}"`).join('\n');
    const services = Array.from({ length: 150 }, (_, i) => `  svc${i}:\n    <<: *defaults\n    image: "acme/svc${i}:1.0.${i}"\n    environment:\n${env(i)}`).join('\n');
    const text = `x-healthy: &healthy\n  condition: service_healthy\nx-defaults: &defaults\n  restart: unless-stopped\n  depends_on:\n${deps}\nservices:\n${services}\n`;
    const [doc] = parseStructured(text);
    expect((doc!.value as { services: Record<string, { depends_on: Record<string, unknown> }> }).services.svc149!.depends_on.db9).toEqual({ condition: 'service_healthy' });
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => parseStructured(bomb)).toThrow(/alias/i);
  });
});
