// Positions of large JSON/YAML documents, parsed again when asked instead of kept. A generated
// OpenAPI or typedoc file has a position for every JSON pointer (medusa: 900,000 in 1,400 files, 85 %
// of them in 81 files of over 1,000 nodes), which held ~150 MB for the whole run and went into the
// cache's facts file; the cross-file rules read a handful of them. The per-file phase still has every
// position (rules there read the document while its text is at hand); once it is done, a large
// document keeps its value and the digest of its text, and a position asked for later is parsed
// from the file again by the same parser, only if the file still has that digest.

import path from 'node:path';
import type { FileFacts, StructuredDoc } from '../parsing/facts.js';
import { computePositions, forgetRecentPositions, setPositionSource } from '../parsing/structured.js';
import { textDigest } from '../parsing/json-fast.js';
import { NAME_KINDS } from '../discovery/file-kinds.js';
import { readGuardedText } from '../util/guarded-read.js';

/**
 * A YAML document with more positions than this keeps them on demand once the per-file phase is
 * done (about 20 KB of YAML). JSON is not kept at all above POSITIONS_ON_DEMAND_JSON_CHARS (file-kinds.ts).
 */
export const ON_DEMAND_POSITIONS = 1000;

function hasMoreThan(positions: StructuredDoc['positions'], limit: number): boolean {
  let n = 0;
  for (const _ in positions) if (++n > limit) return true;
  return false;
}

/**
 * After the per-file phase: drops the positions of the large documents of generic YAML facts
 * (compose files and manifests keep theirs: cross-file rules read them often, and they are small),
 * and the positions parsed again for the file's rules. `text` is the text the facts were parsed from.
 */
export function detachLargePositions(facts: FileFacts, text: string, limit = ON_DEMAND_POSITIONS): void {
  forgetRecentPositions();
  if (facts.kind !== 'structured') return;
  let digest: string | undefined;
  facts.docs.forEach((doc, index) => {
    // The source a JSON document got when parsed holds the file's text: the model sets one that reads the file.
    if (doc.positionsOnDemand) return setPositionSource(doc, undefined);
    if (facts.format !== 'yaml' || !hasMoreThan(doc.positions, limit)) return;
    digest ??= textDigest(text);
    facts.docs[index] = { value: doc.value, positions: {}, line: doc.line, positionsOnDemand: { digest, index } };
  });
}

export interface PositionFileAccess {
  /** The audited folder: files are read inside it only (a guarded read). */
  root: string;
  /** The per-file phase's size limit: a file that grew past it is not read again. */
  maxFileSize: number;
}

/** Registers, for each document whose positions are on demand, how to parse them again from its file. */
export function attachPositionSources(files: ReadonlyArray<{ path: string; facts: FileFacts | null }>, access: PositionFileAccess): void {
  for (const { path: file, facts } of files) {
    if (facts?.kind !== 'structured') continue;
    for (const doc of facts.docs) {
      const onDemand = doc.positionsOnDemand;
      if (onDemand) setPositionSource(doc, () => positionsFromFile(file, facts.format, onDemand, access));
    }
  }
}

/**
 * The positions of one document parsed again from the file by its kind's parser; undefined when the
 * file changed since (another digest) or cannot be read.
 */
export function positionsFromFile(file: string, format: 'json' | 'yaml', onDemand: { digest: string; index: number }, access: PositionFileAccess): StructuredDoc['positions'] | undefined {
  const text = readGuardedText(path.join(access.root, file), { boundary: access.root, maxSize: access.maxFileSize });
  if (typeof text !== 'string') return undefined;
  try {
    const facts = NAME_KINDS[format].parse(text, file, path.posix.basename(file));
    if (facts === null || facts === 'ts' || facts.kind !== 'structured') return undefined;
    const doc = facts.docs[onDemand.index];
    if (!doc) return undefined;
    // JSON is parsed with its positions on demand again (the digest of the text it parsed); YAML has them.
    const digest = doc.positionsOnDemand ? doc.positionsOnDemand.digest : textDigest(text);
    return digest === onDemand.digest ? computePositions(doc) : undefined;
  } catch {
    return undefined;
  }
}
