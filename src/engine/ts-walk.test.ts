import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { audit } from './audit.js';
import { analyzeTsFile, babelProposalAt, isFlowTyped, isJsonSavedAsJs, isJsxSavedAsTs } from './ts-walk.js';

// A Flow type cast: valid Flow, a syntax error for TypeScript.
const FLOW_BODY = "export function count(where) {\n  return Object.keys((where.sorts: any)).length;\n}\n";

describe('parse errors in Flow-typed files', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-flow-'));
  writeFileSync(path.join(root, 'flow-line.js'), `// @flow\n${FLOW_BODY}`);
  writeFileSync(path.join(root, 'flow-block.js'), `\ufeff/* @flow strict */\n// A storage adapter.\n${FLOW_BODY}`);
  writeFileSync(path.join(root, 'plain.js'), `// a plain module\n${FLOW_BODY}`);
  // The pragma only counts before the first token of code.
  writeFileSync(path.join(root, 'late-pragma.js'), `const a = 1;\n// @flow\n${FLOW_BODY}`);

  it('a Flow file TypeScript cannot parse is info "skipped: Flow syntax"; any other syntax error stays a warning', async () => {
    const r = await audit({ root, rules, concurrency: 1 });
    const parseErrors = r.findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line} ${f.severity}`);
    expect(parseErrors).toEqual(['flow-block.js:4 info', 'flow-line.js:3 info', 'late-pragma.js:4 warning', 'plain.js:3 warning']);
    expect(r.findings.find((f) => f.file === 'flow-line.js')!.message).toMatch(/^skipped: Flow syntax/);
  });

  it('reads the pragma only in the leading comments', () => {
    expect(isFlowTyped('#!/usr/bin/env node\n// @flow\nconst a = 1;')).toBe(true);
    expect(isFlowTyped('/**\n * @flow\n */\nconst a = 1;')).toBe(true);
    expect(isFlowTyped('// @flow-disable-next not a pragma\nconst a = 1;')).toBe(false);
    expect(isFlowTyped('// @flowtype\nconst a = 1;')).toBe(false);
    expect(isFlowTyped('const a = 1; // @flow')).toBe(false);
    expect(isFlowTyped('/* @flow')).toBe(false);
  });
});

describe('config files rendered from templates', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-templated-'));
  // envsubst fills the values before the service reads the file (overleaf's git-bridge config).
  writeFileSync(path.join(root, 'envsubst_template.json'), '{\n  "port": ${APP_PORT:-8000},\n  "bindIp": "${APP_BIND_IP:-0.0.0.0}"\n}\n');
  // JSON Lines import data saved as .json (one object per line)
  writeFileSync(path.join(root, 'products.json'), '{"id": "1", "title": "Mug"}\n{"id": "2", "title": "Cap"}\n');
  // near miss: a placeholder inside quotes parses; the comma missing on the next line is a real error
  writeFileSync(path.join(root, 'settings.json'), '{\n  "bindIp": "${APP_BIND_IP:-0.0.0.0}"\n  "port": 8000\n}\n');

  it('an unquoted ${VAR} where a value goes, and JSON Lines data, are info; any other parse error stays a warning', async () => {
    const r = await audit({ root, rules, concurrency: 1 });
    const parseErrors = r.findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line} ${f.severity}`);
    expect(parseErrors).toEqual(['envsubst_template.json:2 info', 'products.json:2 info', 'settings.json:3 warning']);
    expect(r.findings.find((f) => f.file === 'products.json')!.message).toMatch(/^skipped: JSON Lines data/);
    expect(r.findings.find((f) => f.file === 'envsubst_template.json')!.message).toMatch(/^skipped: template placeholders \(shell \$\{VAR\}\) where the JSON has values/);
  });

});

describe('JSX saved as .ts', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-jsx-ts-'));
  const JSX = "import { Select } from './select';\n\nexport function Example() {\n  return (\n    <Select value=\"a\" onChange={() => undefined} />\n  );\n}\n";
  writeFileSync(path.join(root, 'reference.ts'), JSX);
  writeFileSync(path.join(root, 'reference.tsx'), JSX);
  // near miss: a .ts file with a real syntax error and a `<` comparison
  writeFileSync(path.join(root, 'broken.ts'), 'export const small = (a: number) => a < 3 &&;\n');

  it('is info "skipped: JSX in a .ts file"; a real syntax error in a .ts file stays a warning', async () => {
    const r = await audit({ root, rules, concurrency: 1 });
    const parseErrors = r.findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file}:${f.line} ${f.severity}`);
    expect(parseErrors).toEqual(['broken.ts:1 warning', 'reference.ts:5 info']);
    expect(r.findings.find((f) => f.file === 'reference.ts')!.message).toMatch(/^skipped: JSX in a \.ts file/);
  });

  it('asks the TSX parser only of .ts files', () => {
    expect(isJsxSavedAsTs('a.ts', JSX)).toBe(true);
    expect(isJsxSavedAsTs('a.js', JSX)).toBe(false);
    expect(isJsxSavedAsTs('a.ts', 'export const a = ;')).toBe(false);
  });
});

describe('JSON saved as .js', () => {
  it('reports a config.js holding JSON as info; an object literal with a comment or a trailing comma is a script error', () => {
    const json = analyzeTsFile({ path: 'config.js', kind: 'ts', text: '{\n\n  "host": "0.0.0.0",\n  "port": 7777\n}\n', isTest: false }, []);
    expect(json.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['parse-error', 'info', 3]]);
    expect(json.findings[0]!.message).toMatch(/^skipped: JSON data saved under \.js/);
    // Near misses: not JSON (a trailing comma), and JSON text under .ts is no such config.
    const loose = analyzeTsFile({ path: 'config.js', kind: 'ts', text: '{\n  "host": "0.0.0.0",\n}\n', isTest: false }, []);
    expect(loose.findings.map((f) => f.severity ?? 'warning')).toEqual(['warning']);
    expect(isJsonSavedAsJs('config.ts', '{"a": 1}')).toBe(false);
    expect(isJsonSavedAsJs('data.cjs', ' [1, 2]\n')).toBe(true);
  });
});

describe('server-side templates in JS', () => {
  it('reports a templated file as info, a broken one as a warning', () => {
    const templated = analyzeTsFile({ path: 'src/templates/boot.js', kind: 'ts', text: 'window.vars = {\n  v: <%-JSON.stringify(v)%>,\n};\n', isTest: false }, []);
    expect(templated.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['parse-error', 'info', 2]]);
    expect(templated.findings[0]!.message).toContain('template tags (EJS/ERB <% %>)');
    const broken = analyzeTsFile({ path: 'src/broken.js', kind: 'ts', text: 'window.vars = {\n  v: ,\n};\n', isTest: false }, []);
    expect(broken.findings.map((f) => [f.ruleId, f.severity ?? 'warning'])).toEqual([['parse-error', 'warning']]);
  });
});

describe('Babel proposal syntax', () => {
  const parseErrors = (path: string, text: string) =>
    analyzeTsFile({ path, kind: 'ts', text, isTest: false }, []).findings.map((f) => [f.ruleId, f.severity ?? 'warning', f.line, f.message]);

  it('reports function bind and the pipeline operator as info, with the proposal named', () => {
    // A React class component that binds its handler with `::` (the function-bind plugin).
    const bound = 'class Alert extends Component {\n  render() {\n    return <button onClick={::this.close}>x</button>;\n  }\n}\n';
    expect(parseErrors('client/src/Alert.js', bound)).toEqual([['parse-error', 'info', 3, 'skipped: syntax of a Babel proposal (the function-bind operator `::`) that TypeScript cannot parse; the rest of the file was read']]);
    expect(parseErrors('src/menu.js', "$(el).on('click', ::this.hide);\n")).toEqual([['parse-error', 'info', 1, 'skipped: syntax of a Babel proposal (the function-bind operator `::`) that TypeScript cannot parse; the rest of the file was read']]);
    expect(parseErrors('src/pipe.js', 'const total = prices\n  |> sum(%)\n  |> round(%);\n')).toEqual([['parse-error', 'info', 2, 'skipped: syntax of a Babel proposal (the pipeline operator `|>`) that TypeScript cannot parse; the rest of the file was read']]);
  });

  it('keeps a syntax error a warning when the operator is not where the parser stopped', () => {
    // `::` in a string on the broken line, and a pipe then a greater-than apart.
    expect(parseErrors('src/broken.js', 'const label = "a::b"; const n = 1 +;\n')).toEqual([['parse-error', 'warning', 1, 'syntax error: Expression expected.']]);
    expect(parseErrors('src/broken2.js', 'const x = a | > b;\n')).toEqual([['parse-error', 'warning', 1, 'syntax error: Expression expected.']]);
  });

  it('reads the operator at the error position, on the statement-start form too', () => {
    expect(babelProposalAt('obj::func(1)\n', 1, 5)).toBe('the function-bind operator `::`');
    expect(babelProposalAt('const f = obj::fn;\n', 1, 14)).toBe('the function-bind operator `::`');
    expect(babelProposalAt('const f = obj::fn;\n', 1, 3)).toBeUndefined();
    expect(babelProposalAt('a\nb', 5, 1)).toBeUndefined();
  });
});
