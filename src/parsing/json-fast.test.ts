import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from './json-fast.js';
import { parseStructured, parseYamlDocs, positionOf, positionsOf, valuePositionOf } from './structured.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');

const SAMPLES: Record<string, string> = {
  nested: '{\n  "name": "x",\n  "scripts": { "start": "node a.js", "a/b~c": "1" },\n  "list": [1, {"k": [true, null]}, []],\n  "empty": {}\n}\n',
  crlf: '{\r\n  "a": 1,\r\n  "b": {\r\n    "c": "d"\r\n  }\r\n}\r\n',
  escapes: '{"k\\u00e9y": "v\\"q", "tab\\tkey": "x\\\\y", "uni": "\\ud83d\\ude00"}',
  duplicates: '{"a": 1, "a": {"b": 2}, "c": [1], "c": "x"}',
  rootArray: '  [\n {"a": 1},\n  "x", 2.5e3, -0, false\n]',
  indentedStart: '\n\n   {"deep": {"deeper": {"deepest": [[["x"]]]}}}',
};

describe('parseJsonFast gives what the YAML path gives', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(name, () => {
      const fast = parseJsonFast(text, 200);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(parseYamlDocs(text));
    });
  }

  it('on every JSON file of this repository that JSON.parse reads', () => {
    const files = globbySync(['**/*.json'], { cwd: REPO, ignore: ['node_modules/**', 'dist/**'], dot: true });
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      const fast = parseJsonFast(text, 200);
      if (fast === null) continue;
      expect(fast, file).toEqual(parseYamlDocs(text));
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('leaves comments, trailing commas, scalars, __proto__ and deep nesting to the YAML path', () => {
    for (const text of ['{"a": 1, // c\n}', '{"a": 1,}', '"just a string"', '42', '{"__proto__": {"x": 1}}', '', '{} {}']) {
      expect(parseJsonFast(text, 200)).toBeNull();
    }
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    expect(parseJsonFast(deep, 200)).toBeNull();
    expect(() => parseStructured(deep)).toThrow(/nesting deeper than \d+/);
  });
});

describe('parseJsonFast with positions on demand', () => {
  it('gives the same value, line and, when asked, positions as the eager scan, and takes and refuses the same texts', () => {
    const files = globbySync(['**/*.json'], { cwd: REPO, ignore: ['node_modules/**', 'dist/**'], dot: true });
    const texts = [...Object.values(SAMPLES), ...files.map((f) => readFileSync(path.join(REPO, f), 'utf8'))];
    texts.push('{"a": 1, // c\n}', `${'['.repeat(300)}${']'.repeat(300)}`, '{"__proto__": {"x": 1}}', '{} {}');
    let lazy = 0;
    for (const text of texts) {
      const eager = parseJsonFast(text, 200);
      const onDemand = parseJsonFast(text, 200, 0);
      if (eager === null) {
        expect(onDemand).toBeNull();
        continue;
      }
      expect(onDemand).toHaveLength(1);
      const [e, d] = [eager[0]!, onDemand![0]!];
      expect(d.value).toEqual(e.value);
      expect(d.line).toBe(e.line);
      expect(d.positions).toEqual({});
      expect(d.positionsOnDemand?.index).toBe(0);
      expect(d.positionsOnDemand?.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(positionsOf(d)).toEqual(e.positions);
      for (const pointer of Object.keys(e.positions).slice(0, 50)) {
        expect(positionOf(d, pointer)).toEqual(positionOf(e, pointer));
        expect(valuePositionOf(d, pointer)).toEqual(valuePositionOf(e, pointer));
      }
      lazy++;
    }
    expect(lazy).toBeGreaterThan(9);
  });

  it('keeps positions only below the threshold, and the digest follows the text', () => {
    const text = SAMPLES.nested!;
    expect(parseStructured(text, { positionsOnDemandAbove: text.length })[0]!.positionsOnDemand).toBeUndefined();
    const a = parseStructured(text, { positionsOnDemandAbove: text.length - 1 })[0]!;
    const b = parseStructured(text.replace('"x"', '"y"'), { positionsOnDemandAbove: 1 })[0]!;
    const c = parseStructured(` ${text}`, { positionsOnDemandAbove: 1 })[0]!;
    expect(a.positionsOnDemand).toBeDefined();
    expect(new Set([a, b, c].map((d) => d.positionsOnDemand!.digest)).size).toBe(3);
  });
});
