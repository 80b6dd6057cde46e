// kustomize: a kustomization's `images:` entries (newName/newTag/digest) rewrite the images of every
// manifest it builds, through `resources`, `bases` and `components`, including other kustomizations'
// resources (an overlay pinning the tag of its base), and the patches merged into them: the images
// transformer runs on the built output, so a placeholder tag a patch writes (`image: app:replace-me`
// beside `images: [{name: app, newTag: 1.4.0}]`) is rewritten too. Rules that judge a k8s image tag
// ask kustomizeImageOverride() first.

import path from 'node:path/posix';
import type { Pos, StructuredDoc } from './facts.js';
import { isRecord, valuePositionOf, positionOf } from './structured.js';

export const KUSTOMIZATION_NAME = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

export interface KustomizeImage extends Pos {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/**
 * The objects whose container image a `replacements` entry writes (a value copied from a ConfigMap,
 * often the release version): kind and name as `select` gives them, undefined matching any.
 */
export interface KustomizeImageReplacement {
  kind?: string;
  name?: string;
}

export interface Kustomization {
  file: string;
  dir: string;
  images: KustomizeImage[];
  imageReplacements: KustomizeImageReplacement[];
  /** resources, bases and components, as written (relative to dir). */
  entries: string[];
  /**
   * Files of strategic-merge patches (`patches[].path`, `patchesStrategicMerge`), as written: their
   * objects are merged into the built resources before `images:` applies. JSON 6902 patches
   * (`patchesJson6902`) hold operations, not manifests, and are not listed.
   */
  patchFiles: string[];
}

export function readKustomization(file: string, docs: StructuredDoc[]): Kustomization | undefined {
  const doc = docs[0];
  if (!doc || !isRecord(doc.value)) return undefined;
  const v = doc.value;
  const images: KustomizeImage[] = [];
  if (Array.isArray(v.images)) {
    v.images.forEach((img, i) => {
      if (!isRecord(img) || typeof img.name !== 'string') return;
      const p = `/images/${i}`;
      const at = img.newTag !== undefined ? valuePositionOf(doc, `${p}/newTag`) : img.digest !== undefined ? valuePositionOf(doc, `${p}/digest`) : positionOf(doc, p);
      images.push({
        name: img.name,
        ...(typeof img.newName === 'string' ? { newName: img.newName } : {}),
        ...(img.newTag !== undefined && img.newTag !== null ? { newTag: String(img.newTag) } : {}),
        ...(typeof img.digest === 'string' ? { digest: img.digest } : {}),
        ...at,
      });
    });
  }
  const entries: string[] = [];
  for (const key of ['resources', 'bases', 'components']) {
    const list = v[key];
    if (Array.isArray(list)) for (const e of list) if (typeof e === 'string') entries.push(e);
  }
  const patchFiles: string[] = [];
  if (Array.isArray(v.patchesStrategicMerge)) for (const e of v.patchesStrategicMerge) if (typeof e === 'string' && !e.includes('\n')) patchFiles.push(e);
  // `patches:` entries name a file (`path`) or hold the patch inline (`patch`); old files list bare paths.
  if (Array.isArray(v.patches)) {
    for (const e of v.patches) {
      if (typeof e === 'string') patchFiles.push(e);
      else if (isRecord(e) && typeof e.path === 'string') patchFiles.push(e.path);
    }
  }
  return { file, dir: path.dirname(file), images, imageReplacements: imageReplacementsOf(v.replacements), entries, patchFiles };
}

/** `replacements[].targets[]` whose fieldPaths end in a container's `image` (`spec.template.spec.containers.0.image`). */
function imageReplacementsOf(replacements: unknown): KustomizeImageReplacement[] {
  const out: KustomizeImageReplacement[] = [];
  if (!Array.isArray(replacements)) return out;
  for (const r of replacements) {
    if (!isRecord(r) || !Array.isArray(r.targets)) continue;
    for (const t of r.targets) {
      if (!isRecord(t) || !Array.isArray(t.fieldPaths)) continue;
      if (!t.fieldPaths.some((f) => typeof f === 'string' && /(^|\.)image$/.test(f))) continue;
      const select = isRecord(t.select) ? t.select : {};
      out.push({ ...(typeof select.kind === 'string' ? { kind: select.kind } : {}), ...(typeof select.name === 'string' ? { name: select.name } : {}) });
    }
  }
  return out;
}

/** Does a kustomization that builds the manifest write the image of object `kind`/`name` with a replacement? */
export function imageReplacedFor(kustomizations: Kustomization[], kind: string, name: string): boolean {
  return kustomizations.some((k) => k.imageReplacements.some((r) => (r.kind === undefined || r.kind === kind) && (r.name === undefined || r.name === name)));
}

/**
 * For each manifest file, the kustomizations that build it (directly or through a base), so that an
 * `images:` override anywhere up the chain applies.
 */
export function kustomizationsByResource(kustomizations: Kustomization[], isFile: (p: string) => boolean, filesUnder: (dir: string) => string[]): Map<string, Kustomization[]> {
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const out = new Map<string, Kustomization[]>();
  for (const k of kustomizations) {
    const seen = new Set<string>();
    const queue = [k];
    while (queue.length > 0) {
      const cur = queue.shift()!;
      if (seen.has(cur.dir)) continue;
      seen.add(cur.dir);
      for (const entry of cur.entries) {
        if (/^[a-z]+:\/\/|^github\.com\//i.test(entry)) continue;
        const target = path.normalize(path.join(cur.dir, entry));
        if (target.startsWith('..')) continue;
        const base = byDir.get(target);
        if (base) {
          queue.push(base);
        } else if (isFile(target)) {
          add(out, target, k);
        } else {
          // A folder without a kustomization is not valid kustomize, but its manifests are what was meant.
          for (const f of filesUnder(target)) add(out, f, k);
        }
      }
      for (const patch of cur.patchFiles) {
        const target = path.normalize(path.join(cur.dir, patch));
        if (!target.startsWith('..') && isFile(target)) add(out, target, k);
      }
    }
  }
  return out;
}

function add(map: Map<string, Kustomization[]>, file: string, k: Kustomization): void {
  const list = map.get(file);
  if (list) {
    if (!list.includes(k)) list.push(k);
  } else map.set(file, [k]);
}

/** The override a kustomization applies to an image name (`name` matches without tag/digest). */
export function overrideFor(kustomizations: Kustomization[], imageName: string): (KustomizeImage & { file: string }) | undefined {
  for (const k of kustomizations) {
    const hit = k.images.find((i) => i.name === imageName);
    if (hit) return { ...hit, file: k.file };
  }
  return undefined;
}
