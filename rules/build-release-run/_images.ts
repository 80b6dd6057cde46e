// Image references of Dockerfiles, compose files and Kubernetes pod templates, resolved and
// classified once for the three image rules (unpinned-image, floating-image-tag,
// image-not-digest-pinned), so that they agree on what an image is and which rule owns which tag.

import type { FileContext, PerFileVisitors, ProjectContext, RuleDefinition } from '../../src/rule-api/types.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { helmCharts, kustomizeImageOverride, kustomizeImageReplaced, skaffoldBuiltImages, tagFromSubchart } from '../../src/model/templates.js';
import { splitImage, substitute } from '../../src/parsing/dockerfile.js';
import type { Pos } from '../../src/parsing/facts.js';
import { isDevToolImage } from '../../src/model/file-role.js';

export interface ImageSite {
  /** As written. */
  raw: string;
  /** ARG/ENV/`${VAR:-default}` substituted. */
  resolved: string;
  at: Pos;
  /** `FROM`, `service api`, `Deployment api container api`. */
  where: string;
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * `untagged` / `latest`: unpinned-image. `floating`: a tag that names no version (floating-image-tag).
 * `versioned`: a tag that names a version but no digest (image-not-digest-pinned). `digest`: pinned.
 */
export type TagClass = 'untagged' | 'latest' | 'floating' | 'versioned' | 'digest';

export function classifyTag(site: Pick<ImageSite, 'tag' | 'digest'> & { name?: string }): TagClass {
  if (site.digest) return 'digest';
  if (site.tag === undefined || site.tag === '') return 'untagged';
  const tag = site.tag.toLowerCase();
  if (tag === 'latest') return 'latest';
  if (site.name !== undefined && DISTRO_IMAGE.test(site.name) && tag.split(/[-_]/).some((p) => DISTRO_RELEASES.has(p))) return 'versioned';
  return namesVersion(tag) ? 'versioned' : 'floating';
}

/**
 * Images versioned by the distribution release they are (`debian:buster-slim`, `ubuntu:jammy`,
 * `buildpack-deps:bullseye`): for them a release codename is the version line, as `node:20` is for
 * Node. On any other image (`node:bookworm`) the codename only names the base, and the tag floats.
 */
const DISTRO_IMAGE = /^(?:[\w.-]+\/)*(debian|ubuntu|buildpack-deps)$/i;
/** Debian and Ubuntu release codenames; not `sid`/`unstable`/`testing`/`devel`, which move. */
const DISTRO_RELEASES = new Set(['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky', 'questing']);

/** Words that name a moving channel even when a later part of the tag has digits (`lts-alpine3.19`). */
const CHANNELS = new Set(['lts', 'current', 'stable', 'edge', 'mainline', 'rolling', 'nightly', 'canary', 'beta', 'alpha', 'rc', 'next', 'dev', 'devel', 'main', 'master', 'latest']);

/**
 * A tag names a version when one of its `-`/`_`-separated parts starts with a digit or `v<digit>`
 * (`20`, `20.11-alpine`, `v1.2.3`, `jammy-20240111`), or is a commit-like hex id (`sha-1a2b3c4d`),
 * unless its first part is a channel (`lts-alpine3.19` follows the LTS line) not followed by a
 * major.minor (`latest-v24.3`). A commit id names one
 * build even after a channel or branch name (`master-173596f`, CI's `<branch>-<short sha>` tags).
 */
export function namesVersion(tag: string): boolean {
  const parts = tag.toLowerCase().split(/[-_]/);
  // After a channel, a commit id, or a major.minor line (`latest-v24.3` of cockroachdb follows 24.3's patches).
  if (CHANNELS.has(parts[0]!)) return parts.slice(1).some((p) => isCommitId(p) || /^v?\d+\.\d+/.test(p));
  // `pg16` (pgvector), `jdk17`: a short name of what the image packages, then its major. Not a base
  // image's name and release (`alpine3.19`, `bookworm`): those name what it is built on.
  if (/^[a-z]{2,4}\d+(\.\d+)*$/.test(parts[0]!)) return true;
  return parts.some((p) => /^v?\d/.test(p) || /^[0-9a-f]{7,64}$/.test(p) || DATED_BUILD.test(p));
}

/**
 * A build stamped with its date behind a few letters (`EN20250228` of the Cosmos DB emulator's
 * `vnext-EN20250228`): one build, as a part that starts with the date is (`jammy-20240111`).
 */
const DATED_BUILD = /^[a-z]{1,4}20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/**
 * A short or full commit sha: 7 to 40 hex digits mixing digits and letters, as git abbreviates them
 * (`173596f`). All letters is a word (`deadbeef`); all digits after a channel (`nightly-20240111`)
 * is a date or a build counter, not judged here.
 */
function isCommitId(part: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(part) && /\d/.test(part) && /[a-f]/.test(part);
}

/**
 * An image in a registry on the machine itself (`localhost:5001/app:local`, kind's and k3d's local
 * registries): built and pushed there by a developer's script, pulled by a cluster on the same
 * machine. It never reaches another machine, so it is no release to pin.
 */
const LOOPBACK_REGISTRY = /^(localhost|127\.0\.0\.1|\[::1\]|host\.docker\.internal)(:\d+)?\//i;

export function fromLoopbackRegistry(image: string): boolean {
  return LOOPBACK_REGISTRY.test(image.trim());
}

/**
 * An image reference left for the reader to fill in (`<LOCATION>-docker.pkg.dev/<YOUR_PROJECT_ID>/app`,
 * `your-container-image:latest`): a documentation template that cannot be applied as written, so
 * it names no image to pin.
 */
const PLACEHOLDER_IMAGE = /[<>]|(^|[/._-])your[-_]/i;

/**
 * The tag a developer gives an image built on their machine (`docker build -t jsreport/worker:local`):
 * a Dockerfile built on it is a local iteration loop (jsreport's Dockerfile.fast), and no registry
 * serves that tag to pin.
 */
const LOCAL_BUILD_TAG = /^local$/i;

/** Images these rules do not judge: on the machine itself, built there, or a placeholder to fill in. */
function notJudged(image: string): boolean {
  const ref = splitImage(image.trim());
  return fromLoopbackRegistry(image) || (ref.tag !== undefined && LOCAL_BUILD_TAG.test(ref.tag)) || PLACEHOLDER_IMAGE.test(ref.name);
}

/** Visitors that call `judge` for every image a Dockerfile pulls, a compose service pulls, a pod runs. */
export function imageVisitors<Ids extends string = never>(judge: (ctx: FileContext<Ids>, site: ImageSite) => void): PerFileVisitors<Ids> {
  const emit = (ctx: FileContext<Ids>, raw: string, resolved: string, at: Pos, where: string) => {
    const trimmed = resolved.trim();
    if (trimmed === '' || notJudged(trimmed)) return;
    judge(ctx, { raw, resolved: trimmed, at, where, ...splitImage(trimmed) });
  };
  return {
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        const image = stage.image;
        // `FROM builder` names an earlier stage; `scratch` is the empty image; an ARG without a
        // default cannot be judged here (it is set at build time).
        if (stage.fromStage || image.resolved === null || image.resolved.toLowerCase() === 'scratch') continue;
        emit(ctx, image.raw, image.resolved, image, 'FROM');
      }
    },
    compose(facts, ctx) {
      for (const service of facts.services) {
        if (!service.image) continue;
        // With `build`, `image` names the image compose builds, not one it pulls.
        if (service.build) continue;
        const resolved = substitute(service.image.value, new Map());
        if (resolved === null) continue;
        emit(ctx, service.image.value, resolved, service.image, `service ${service.name}`);
      }
    },
  };
}

/**
 * An image rule: Dockerfile and compose images per file, Kubernetes images in the project phase,
 * because a kustomization elsewhere may rewrite them (`images: [{ name, newTag | digest }]`) and
 * skaffold replaces the images it builds with what it just tagged.
 */
export function imageRule<Ids extends string = never>(judge: (ctx: FileContext<Ids>, site: ImageSite) => void): Pick<RuleDefinition<Ids>, 'create' | 'checkProject'> {
  return {
    create: () => imageVisitors(judge),
    checkProject(model: ProjectModel, ctx: ProjectContext<Ids>) {
      const skaffold = skaffoldBuiltImages(model);
      for (const file of model.k8sFiles()) {
        const fileCtx = {
          path: file.path,
          kind: file.kind,
          text: '',
          isTest: file.isTest,
          options: ctx.options,
          report: (d) => ctx.report({ ...d, loc: d.loc ?? { file: file.path, line: 1, column: 1 } }),
        } satisfies FileContext<Ids>;
        for (const obj of file.facts.objects) {
          // kustomize `replacements` write this object's image (often the release version from a
          // ConfigMap): the tag as written is a placeholder.
          if (obj.pod && kustomizeImageReplaced(model, file.path, obj.kind, obj.name)) continue;
          for (const c of obj.pod?.containers ?? []) {
            if (!c.image) continue;
            // Values a tool fills in later: `$(IMAGE)`, `{{ .Values.image }}`, `${IMAGE}`.
            if (/\$\(|\{\{|\$\{/.test(c.image.value)) continue;
            const raw = c.image.value.trim();
            if (raw === '') continue;
            const ref = splitImage(raw);
            if (!ref.tag && !ref.digest && skaffold.has(ref.name)) continue;
            const override = kustomizeImageOverride(model, file.path, ref.name);
            let resolved = raw;
            if (override) {
              const name = override.newName ?? ref.name;
              const tag = override.newTag ?? ref.tag;
              const digest = override.digest ?? (override.newTag ? undefined : ref.digest);
              resolved = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
            }
            if (notJudged(resolved)) continue;
            judge(fileCtx, { raw, resolved, at: c.image, where: `${obj.kind} ${obj.name} container ${c.name}`, ...splitImage(resolved) });
          }
        }
      }
      // Helm values files of a chart: `image.repository` + `image.tag` (an empty tag falls back on appVersion).
      for (const chart of helmCharts(model)) {
        for (const values of chart.values) {
          const fileCtx = {
            path: values.file,
            kind: 'structured',
            text: '',
            isTest: model.files.get(values.file)?.isTest ?? false,
            options: ctx.options,
            report: (d) => ctx.report({ ...d, loc: d.loc ?? { file: values.file, line: 1, column: 1 } }),
          } satisfies FileContext<Ids>;
          for (const image of values.images) {
            if ((!image.tag && !image.digest && image.tagElsewhere) || tagFromSubchart(chart, image)) continue;
            const tag = image.tag ?? chart.appVersion;
            const resolved = `${image.name}${tag ? `:${tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
            if (notJudged(resolved)) continue;
            judge(fileCtx, { raw: image.image, resolved, at: image, where: `Helm values ${image.pointer.slice(1).replace(/\//g, '.')}`, ...splitImage(resolved) });
          }
        }
      }
    },
  };
}

/**
 * The variable that chooses the tag (or the whole reference) of an image as written: `TAG` in
 * `node:${TAG}`, `BASE_IMAGE` in `${BASE_IMAGE}`, `REF` in `ghcr.io/acme/hub${REF:-:latest}`.
 * Undefined when the tag is literal or a variable only names the registry (`${REGISTRY}/node`).
 */
export function tagVariable(raw: string): string | undefined {
  // `[^}$]`: a run of `${${${…` is scanned once, not once per `$` (no quadratic time on hostile text).
  const vars = [...raw.matchAll(/\$\{(\w+)[^}$]*\}|\$(\w+)/g)];
  if (vars.length === 0) return undefined;
  // Variables masked, so that a `/` or `:` inside a default does not count as the reference's own.
  const masked = raw.replace(/\$\{[^}$]*\}|\$\w+/g, '\u0000');
  const lastSegment = masked.slice(masked.lastIndexOf('/') + 1);
  if (!lastSegment.includes('\u0000')) return undefined;
  if (masked.includes('@')) return undefined;
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  // `node:${NODE_VERSION}-alpine`: the variable leads the tag, so it chooses the version and the
  // literal rest is a variant (soketi builds `node:$VERSION-alpine` with VERSION from its workflows'
  // matrix). `node:lts-${VARIANT}` writes the floating part itself.
  if (tag !== undefined && tag.replace(/\u0000/g, '') !== '') {
    if (!tag.startsWith('\u0000')) return undefined;
    const before = masked.length - lastSegment.length + lastSegment.indexOf(':') + 1;
    const index = masked.slice(0, before).split('\u0000').length - 1;
    const leading = vars[index];
    return leading ? (leading[1] ?? leading[2]) : undefined;
  }
  // The last segment holds a variable, so the last variable is in it.
  const lastVar = vars[vars.length - 1]!;
  return lastVar[1] ?? lastVar[2];
}

/**
 * Why an unpinned image is only info, if it is: a developer GUI, mail catcher or cloud emulator (whether it runs in
 * production is not in the file), or a tag chosen by a variable (the build or deployment may pin it).
 */
export function infoReason(site: ImageSite): string | undefined {
  if (isDevToolImage(site.resolved)) return ` ${site.name} is a developer tool (database browser, mail catcher, debugger, local emulator of a cloud service): pin it if it runs in production.`;
  const variable = tagVariable(site.raw);
  if (variable) return ` The variable ${variable} chooses the image; pin it where the release is built or deployed.`;
  return undefined;
}

/** ` (node:${TAG} resolves to node:lts)` when a variable was substituted. */
export function resolvedNote(site: ImageSite): string {
  return site.raw !== site.resolved ? ` (${site.raw} resolves to ${site.resolved})` : '';
}
