// Helm charts. Templates (`templates/*.yaml` with `{{ }}`) are Go templates, not YAML: they are
// recognised (kind 'helm-template'), never parsed, and reported once per chart as not rendered.
// What a chart pins is mostly in its values files (`image.repository` + `image.tag`), which are plain
// YAML: imagesInHelmValues() reads them so that image rules can judge them like any other image.

import path from 'node:path/posix';
import type { Pos, StructuredDoc } from './facts.js';
import { isRecord, positionOf, scalarLeaves, valuePositionOf } from './structured.js';
import { splitImage } from './dockerfile.js';

/** A chart is the folder that holds Chart.yaml. */
export function chartRootOf(file: string, isFile: (p: string) => boolean): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const prefix = dir === '.' ? '' : `${dir}/`;
    if (isFile(`${prefix}Chart.yaml`) || isFile(`${prefix}Chart.yml`)) return dir;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

/** values.yaml, values-prod.yaml, values.dev.yml... at the root of a chart. */
export function isHelmValuesName(file: string): boolean {
  return /^values([.-][\w.-]+)?\.ya?ml$/i.test(path.basename(file));
}

export interface HelmValuesImage extends Pos {
  /** JSON pointer of the image entry (`/image`, `/postgresql/image`). */
  pointer: string;
  /** repository[:tag][@digest] as the chart would render it. */
  image: string;
  name: string;
  tag?: string;
  digest?: string;
  /** The tag key exists but is empty: the chart's templates usually fall back to appVersion. */
  emptyTag: boolean;
  /** A sibling key names the version some other way (imageTag, version): the tag is not in the image string. */
  tagElsewhere: boolean;
}

/**
 * Images in a values document: maps with a string `repository` (and `tag`, `digest`, `registry`),
 * and string values under keys named `image` that look like an image reference.
 */
export function imagesInHelmValues(doc: StructuredDoc): HelmValuesImage[] {
  const out: HelmValuesImage[] = [];
  const visit = (value: unknown, pointer: string, depth: number) => {
    if (depth > 50) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${pointer}/${i}`, depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    if (typeof value.repository === 'string' && value.repository.trim() !== '' && !value.repository.includes('{{')) {
      const registry = typeof value.registry === 'string' && value.registry !== '' ? `${value.registry}/` : '';
      const rawTag = value.tag;
      const tag = typeof rawTag === 'string' || typeof rawTag === 'number' ? String(rawTag).trim() : undefined;
      const digest = typeof value.digest === 'string' && value.digest.trim() !== '' ? value.digest.trim() : undefined;
      const inline = splitImage(value.repository.trim());
      const effectiveTag = tag !== undefined && tag !== '' ? tag : inline.tag;
      const at = tag !== undefined && tag !== '' ? valuePositionOf(doc, `${pointer}/tag`) : valuePositionOf(doc, `${pointer}/repository`);
      out.push({
        pointer,
        name: `${registry}${inline.name}`,
        image: `${registry}${inline.name}${effectiveTag ? `:${effectiveTag}` : ''}${digest ?? inline.digest ? `@${digest ?? inline.digest}` : ''}`,
        ...(effectiveTag ? { tag: effectiveTag } : {}),
        ...(digest ?? inline.digest ? { digest: (digest ?? inline.digest)! } : {}),
        emptyTag: tag === '' || (tag === undefined && 'tag' in value),
        tagElsewhere: false,
        ...at,
      });
    }
    for (const [key, v] of Object.entries(value)) {
      const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'image' && typeof v === 'string') {
        const ref = v.trim();
        if (!/^[\w.-]+(:\d+)?(\/[\w.-]+)*(:[\w.-]+)?(@sha256:[a-f0-9]+)?$/i.test(ref) || ref.includes('{{')) continue;
        const parts = splitImage(ref);
        const siblings = Object.keys(value).filter((k) => k !== 'image');
        out.push({
          pointer: child,
          image: ref,
          name: parts.name,
          ...(parts.tag ? { tag: parts.tag } : {}),
          ...(parts.digest ? { digest: parts.digest } : {}),
          emptyTag: false,
          tagElsewhere: siblings.some((k) => /tag|version|digest/i.test(k)),
          ...valuePositionOf(doc, child),
        });
      } else visit(v, child, depth + 1);
    }
  };
  visit(doc.value, '', 0);
  return out;
}

/** Chart.yaml `appVersion`, the usual default of `image.tag`. */
export function chartAppVersion(docs: StructuredDoc[]): string | undefined {
  const v = docs[0]?.value;
  if (!isRecord(v)) return undefined;
  const app = v.appVersion;
  return typeof app === 'string' || typeof app === 'number' ? String(app) : undefined;
}

/**
 * The values keys of Chart.yaml `dependencies` (each subchart's alias, else its name): values under
 * such a key configure the subchart, whose own defaults fill in what they leave out (an image tag).
 */
export function chartDependencyKeys(docs: StructuredDoc[]): string[] {
  const v = docs[0]?.value;
  if (!isRecord(v) || !Array.isArray(v.dependencies)) return [];
  const out: string[] = [];
  for (const d of v.dependencies) {
    if (!isRecord(d)) continue;
    const key = typeof d.alias === 'string' ? d.alias : d.name;
    if (typeof key === 'string' && key !== '') out.push(key);
  }
  return out;
}

export { positionOf, scalarLeaves };
