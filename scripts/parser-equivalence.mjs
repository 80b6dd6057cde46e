// Proves that the parser-only copy of the compiler (scripts/parser-compiler.mjs) parses as the
// original does: every TS/JS file under the given folders is parsed by both, and the two trees are
// compared node by node (kind, pos, end, flags, the text of identifiers and literals, the children in
// order, the JSDoc nodes attached, the class of node object) with their parse diagnostics (start,
// length, code, category, message).
//
//   npm run build && node scripts/parser-equivalence.mjs /work/corpus/*   (prints counts; exit 1 on a difference)
//
// The files are only read and parsed, never run; symbolic links are not followed.

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS = new Set(['.git']);
/** Larger files are counted, not parsed (a generated bundle of tens of megabytes says nothing new). */
const MAX_BYTES = 8 * 1024 * 1024;

/** The script kind the engine gives a file of this name (src/parsing/typescript.ts). */
export function scriptKindOf(ts, file) {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}

function children(ts, node) {
  const out = [];
  ts.forEachChild(node, (child) => {
    out.push(child);
  });
  if (node.jsDoc) out.push(...node.jsDoc);
  return out;
}

/** The text of an identifier or private name (escapedText), of a literal or template part (text); the source file's own text is compared by the caller. */
function nodeText(node) {
  if (typeof node.escapedText === 'string') return node.escapedText;
  return typeof node.text === 'string' && node.fileName === undefined ? node.text : undefined;
}

function describeDiagnostics(ts, file) {
  return (file.parseDiagnostics ?? []).map((d) => `${d.start}:${d.length}:${d.code}:${d.category}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/**
 * Parses `text` as `file` with both compilers; undefined when the trees and diagnostics are the same,
 * else where they first differ.
 */
export function compareParses(original, parserOnly, file, text) {
  const parse = (ts) => {
    try {
      return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, file));
    } catch (error) {
      return { thrown: String(error?.message ?? error) };
    }
  };
  const a = parse(original);
  const b = parse(parserOnly);
  if (a.thrown !== undefined || b.thrown !== undefined) return a.thrown === b.thrown ? undefined : `threw: ${a.thrown} / ${b.thrown}`;
  const da = describeDiagnostics(original, a);
  const db = describeDiagnostics(parserOnly, b);
  if (da.join('\n') !== db.join('\n')) return `diagnostics: ${JSON.stringify(da)} / ${JSON.stringify(db)}`;
  if (a.languageVariant !== b.languageVariant || a.scriptKind !== b.scriptKind || a.isDeclarationFile !== b.isDeclarationFile) return 'source file properties';
  const stack = [[a, b]];
  let nodes = 0;
  while (stack.length > 0) {
    const [x, y] = stack.pop();
    nodes++;
    if (x.kind !== y.kind || x.pos !== y.pos || x.end !== y.end || x.flags !== y.flags || nodeText(x) !== nodeText(y) || x.constructor.name !== y.constructor.name) {
      return `node at ${x.pos}-${x.end} (${original.SyntaxKind[x.kind]}) / ${y.pos}-${y.end} (${parserOnly.SyntaxKind[y.kind]})`;
    }
    const cx = children(original, x);
    const cy = children(parserOnly, y);
    if (cx.length !== cy.length) return `children of ${original.SyntaxKind[x.kind]} at ${x.pos}: ${cx.length} / ${cy.length}`;
    for (let i = cx.length - 1; i >= 0; i--) {
      if (cx[i].parent !== x || cy[i].parent !== y) {
        // JSDoc nodes hang off their host with their own parent; every other child names its parent.
        if (!(cx[i].kind === original.SyntaxKind.JSDoc && cx[i].parent === x && cy[i].parent === y)) return `parent of a child of ${original.SyntaxKind[x.kind]} at ${x.pos}`;
      }
      stack.push([cx[i], cy[i]]);
    }
  }
  return nodes > 0 ? undefined : 'no nodes';
}

function* sourceFiles(root) {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((p, q) => (p.name < q.name ? 1 : p.name > q.name ? -1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        yield full;
      }
    }
  }
}

/** Loads the original compiler and the parser-only copy the build wrote. */
export function loadBoth() {
  const modulePath = new URL('../dist/src/parsing/typescript-module.js', import.meta.url);
  return import(modulePath.href).then((m) => ({ original: require(m.originalCompiler()), parserOnly: require(m.PARSER_COPY) }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const roots = process.argv.slice(2);
  if (roots.length === 0) {
    console.error('usage: node scripts/parser-equivalence.mjs <folder>...');
    process.exit(2);
  }
  const { original, parserOnly } = await loadBoth();
  let files = 0;
  let bytes = 0;
  let tooLarge = 0;
  let differences = 0;
  for (const root of roots) {
    let rootFiles = 0;
    for (const file of sourceFiles(path.resolve(root))) {
      const size = lstatSync(file).size;
      if (size > MAX_BYTES) {
        tooLarge++;
        continue;
      }
      const text = readFileSync(file, 'utf8');
      const difference = compareParses(original, parserOnly, file, text);
      files++;
      rootFiles++;
      bytes += size;
      if (difference !== undefined) {
        differences++;
        console.log(`DIFFERENT ${file}: ${difference}`);
      }
    }
    console.log(`${root}: ${rootFiles} files`);
  }
  console.log(`${files} files (${(bytes / 1e6).toFixed(1)} MB) in ${roots.length} folders, ${differences} different, ${tooLarge} over ${MAX_BYTES / 1024 / 1024} MB not parsed`);
  process.exit(differences === 0 ? 0 : 1);
}
