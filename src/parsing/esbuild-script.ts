// Build scripts that call esbuild's JavaScript API (`await esbuild.build({ entryPoints, outfile })`),
// read statically from the TypeScript AST (never executed): which source each output file is built
// from, so that the run chain can map `node build/main.js` back to `scripts/main.ts` as it maps a
// tsc build through tsconfig outDir. Only literal entry points and output paths are known.

import { ts } from './typescript.js';
import type { BundleOutput } from './facts.js';

/** A file is looked at only when it names both (most files name neither): two plain searches. */
export function mayCallEsbuild(text: string): boolean {
  return text.includes('entryPoints') && text.includes('esbuild');
}

/** Nodes walked per file, calls kept: a hostile script of a million calls stays bounded. */
const MAX_NODES = 50_000;
const MAX_OUTPUTS = 50;

export function esbuildOutputs(sf: ts.SourceFile): BundleOutput[] {
  const out: BundleOutput[] = [];
  const stack: ts.Node[] = [sf];
  let walked = 0;
  while (stack.length > 0 && walked++ < MAX_NODES && out.length < MAX_OUTPUTS) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node)) {
      const output = buildCall(node);
      if (output) out.push(output);
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  // The stack walks the file backwards: in source order, as written.
  return out.sort((a, b) => a.line - b.line);
}

/** `esbuild.build({...})`, `build({...})`, `buildSync({...})` with literal entry points and an outfile or outdir. */
function buildCall(call: ts.CallExpression): BundleOutput | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name !== 'build' && name !== 'buildSync') return undefined;
  const options = call.arguments[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  let entries: string[] | undefined;
  let outfile: string | undefined;
  let outdir: string | undefined;
  for (const p of options.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    const key = p.name.text;
    const value = p.initializer;
    if (key === 'entryPoints' && ts.isArrayLiteralExpression(value)) {
      entries = value.elements.filter((e): e is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)).map((e) => e.text);
    } else if (key === 'outfile' && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) outfile = value.text;
    else if (key === 'outdir' && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) outdir = value.text;
  }
  if (!entries || entries.length === 0 || (outfile === undefined && outdir === undefined)) return undefined;
  return { entries: entries.slice(0, 20), ...(outfile !== undefined ? { outfile } : {}), ...(outdir !== undefined ? { outdir } : {}), line: sfLine(call) };
}

function sfLine(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}
