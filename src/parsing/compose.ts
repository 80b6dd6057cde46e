// docker compose files: services with the positions of what the rules read.

import type { CommandFact, ComposeService, Pos, StructuredDoc } from './facts.js';
import { parseShellLine } from './shell.js';
import { escapePointer, isRecord, positionOf, valuePositionOf } from './structured.js';

const COMPOSE_NAME = /(^|\/)(docker-)?compose([.-][^/]*)?\.ya?ml$/i;

export function looksLikeComposeName(path: string): boolean {
  return COMPOSE_NAME.test(path);
}

/** A YAML document is a compose file when its `services` is a map of maps and it is not a k8s object. */
export function isComposeDoc(doc: StructuredDoc): boolean {
  const v = doc.value;
  if (!isRecord(v) || 'apiVersion' in v || 'kind' in v) return false;
  const services = v.services;
  return isRecord(services) && Object.values(services).every((s) => s === null || isRecord(s));
}

export function extractComposeServices(docs: StructuredDoc[]): ComposeService[] {
  const out: ComposeService[] = [];
  for (const doc of docs) {
    if (!isRecord(doc.value) || !isRecord(doc.value.services)) continue;
    for (const [name, raw] of Object.entries(doc.value.services)) {
      const svc = isRecord(raw) ? raw : {};
      const base = `/services/${escapePointer(name)}`;
      const pos = (p: string) => positionOf(doc, p);
      const vpos = (p: string) => valuePositionOf(doc, p);
      const service: ComposeService = {
        name,
        ...pos(base),
        pointer: base,
        environment: [],
        envFiles: [],
        ports: [],
        expose: [],
        volumes: [],
        profiles: Array.isArray(svc.profiles) ? svc.profiles.map(String) : [],
      };
      if (typeof svc.image === 'string') service.image = { value: svc.image, ...vpos(`${base}/image`) };
      if (typeof svc.build === 'string') service.build = { context: svc.build, ...pos(`${base}/build`) };
      else if (isRecord(svc.build)) {
        service.build = {
          context: typeof svc.build.context === 'string' ? svc.build.context : '.',
          ...(typeof svc.build.dockerfile === 'string' ? { dockerfile: svc.build.dockerfile } : {}),
          ...(typeof svc.build.target === 'string' ? { target: svc.build.target } : {}),
          ...pos(`${base}/build`),
        };
        const args = buildArgs(svc.build.args);
        if (args.length > 0) service.build.args = args;
      }
      if (typeof svc.init === 'boolean') service.init = svc.init;
      const env = svc.environment;
      if (Array.isArray(env)) {
        env.forEach((entry, i) => {
          if (typeof entry !== 'string') return;
          const eq = entry.indexOf('=');
          service.environment.push({
            name: eq < 0 ? entry : entry.slice(0, eq),
            value: eq < 0 ? null : entry.slice(eq + 1),
            ...pos(`${base}/environment/${i}`),
          });
        });
      } else if (isRecord(env)) {
        for (const [k, v] of Object.entries(env)) {
          service.environment.push({ name: k, value: v === null || v === undefined ? null : String(v), ...pos(`${base}/environment/${escapePointer(k)}`) });
        }
      }
      const envFile = svc.env_file;
      const envFiles = typeof envFile === 'string' ? [envFile] : Array.isArray(envFile) ? envFile : [];
      envFiles.forEach((f, i) => {
        const path = typeof f === 'string' ? f : isRecord(f) && typeof f.path === 'string' ? f.path : null;
        if (path) service.envFiles.push({ value: path, ...pos(typeof envFile === 'string' ? `${base}/env_file` : `${base}/env_file/${i}`) });
      });
      if (Array.isArray(svc.ports)) {
        svc.ports.forEach((p, i) => {
          const at = pos(`${base}/ports/${i}`);
          if (typeof p === 'string' || typeof p === 'number') {
            service.ports.push({ raw: String(p), ...parsePortSpec(String(p)), ...at });
          } else if (isRecord(p)) {
            const target = Number(p.target);
            service.ports.push({
              raw: JSON.stringify(p),
              ...(p.published !== undefined ? { published: String(p.published) } : {}),
              ...(Number.isFinite(target) ? { target } : {}),
              ...at,
            });
          }
        });
      }
      if (Array.isArray(svc.expose)) {
        svc.expose.forEach((e, i) => service.expose.push({ value: String(e), ...pos(`${base}/expose/${i}`) }));
      }
      const command = commandFact(svc.command, doc, `${base}/command`);
      if (command) service.command = command;
      const entrypoint = commandFact(svc.entrypoint, doc, `${base}/entrypoint`);
      if (entrypoint) service.entrypoint = entrypoint;
      if (Array.isArray(svc.volumes)) {
        svc.volumes.forEach((v, i) => {
          const at = pos(`${base}/volumes/${i}`);
          if (typeof v === 'string') {
            const [source, target] = splitVolume(v);
            service.volumes.push({ raw: v, ...(target !== undefined ? { source, target } : { target: source }), ...at });
          } else if (isRecord(v)) {
            service.volumes.push({
              raw: JSON.stringify(v),
              ...(typeof v.source === 'string' ? { source: v.source } : {}),
              ...(typeof v.target === 'string' ? { target: v.target } : {}),
              ...(typeof v.type === 'string' ? { type: v.type } : {}),
              ...at,
            });
          }
        });
      }
      out.push(service);
    }
  }
  return out;
}

function commandFact(value: unknown, doc: StructuredDoc, pointer: string): CommandFact | undefined {
  const at: Pos = valuePositionOf(doc, pointer);
  if (typeof value === 'string') {
    // compose splits a string command like a shell would, but runs it without a shell.
    const argv = parseShellLine(value).flatMap((c, i) => (i === 0 ? [...c.assignments.map((a) => `${a.name}=${a.value}`), ...c.argv] : c.argv));
    return { form: 'shell', argv, text: value, ...at };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    const argv = value.map(String);
    return { form: 'exec', argv, text: argv.join(' '), ...positionOf(doc, pointer) };
  }
  return undefined;
}

function parsePortSpec(spec: string): { published?: string; target?: number } {
  // [ip:][published:]target[/proto]
  const noProto = spec.split('/')[0] ?? spec;
  const parts = noProto.split(':');
  const targetText = parts[parts.length - 1] ?? '';
  const target = Number(targetText.split('-')[0]);
  const published = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { ...(Number.isFinite(target) && targetText !== '' ? { target } : {}), ...(published !== undefined ? { published } : {}) };
}

function splitVolume(spec: string): [string, string | undefined] {
  // Windows drive letters (C:\x) are rare in compose files for Node services; split on the first
  // colon that is not followed by a backslash.
  const parts = spec.split(/:(?!\\)/);
  return [parts[0] ?? spec, parts[1]];
}

export { leadingComment } from './leading-comment.js';

/**
 * `build.args` as a map or a `NAME=value` list: the values written plainly (one that uses a compose
 * variable, `${TAG}`, or names no value is left out: the Dockerfile's default may not be what runs).
 */
function buildArgs(raw: unknown): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const add = (name: string, value: unknown) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return;
    const text = String(value);
    if (!text.includes('$')) out.push({ name, value: text });
  };
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (typeof entry !== 'string') continue;
      const eq = entry.indexOf('=');
      if (eq > 0) add(entry.slice(0, eq), entry.slice(eq + 1));
    }
  } else if (isRecord(raw)) for (const [name, value] of Object.entries(raw)) add(name, value);
  return out;
}
