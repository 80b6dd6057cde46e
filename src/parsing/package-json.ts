import type { PackageJsonFacts, Pos, Scalar } from './facts.js';
import { escapePointer, isRecord, parseStructured, positionOf, valuePositionOf } from './structured.js';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function parsePackageJson(text: string): PackageJsonFacts {
  const docs = parseStructured(text);
  const doc = docs[0] ?? { value: {}, positions: {}, line: 1 };
  const pkg = isRecord(doc.value) ? doc.value : {};
  const vpos = (p: string): Pos => valuePositionOf(doc, p);
  const facts: PackageJsonFacts = { kind: 'package-json', doc, bin: [], scripts: [], dependencies: [], workspaces: [] };
  if (typeof pkg.name === 'string') facts.name = pkg.name;
  if (typeof pkg.main === 'string') facts.main = { value: pkg.main, ...vpos('/main') };
  if (typeof pkg.bin === 'string') facts.bin.push({ name: facts.name ?? '', value: pkg.bin, ...vpos('/bin') });
  else if (isRecord(pkg.bin)) {
    for (const [name, target] of Object.entries(pkg.bin)) {
      if (typeof target === 'string') facts.bin.push({ name, value: target, ...vpos(`/bin/${escapePointer(name)}`) });
    }
  }
  if (isRecord(pkg.scripts)) {
    for (const [name, command] of Object.entries(pkg.scripts)) {
      if (typeof command === 'string') facts.scripts.push({ name, value: command, ...vpos(`/scripts/${escapePointer(name)}`) });
    }
  }
  for (const section of SECTIONS) {
    const deps = pkg[section];
    if (!isRecord(deps)) continue;
    const entries = Object.entries(deps);
    if (entries.length > 0 && !facts.dependenciesKey && section !== 'peerDependencies') facts.dependenciesKey = positionOf(doc, `/${section}`);
    for (const [name, version] of entries) {
      const s: Scalar & { name: string; section: typeof section } = { name, section, value: String(version), ...vpos(`/${section}/${escapePointer(name)}`) };
      facts.dependencies.push(s);
    }
  }
  if (typeof pkg.packageManager === 'string') facts.packageManager = pkg.packageManager;
  const ws = pkg.workspaces;
  if (Array.isArray(ws)) facts.workspaces = ws.filter((w): w is string => typeof w === 'string');
  else if (isRecord(ws) && Array.isArray(ws.packages)) facts.workspaces = ws.packages.filter((w): w is string => typeof w === 'string');
  return facts;
}
