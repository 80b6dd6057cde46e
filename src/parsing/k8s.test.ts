// A manifest saved on Windows (UTF-8 BOM, CRLF line ends) must give the same facts as the same
// manifest with LF line ends: object names, ConfigMap keys, containers, envFrom references, lines.
// Keys read with a trailing `\r` or an `apiVersion` read as `\uFEFFapiVersion` would silently change
// what cross-file rules see.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../engine/read-file.js';
import { parseEnvFile } from './env-file.js';
import { extractK8sObjects } from './k8s.js';
import { parseYamlDocs } from './structured.js';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'rules', 'config', '__fixtures__', 'undeclared-env-var', 'k8s-configmap-present', 'k8s');

function windows(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8')]);
}

function decoded(buffer: Buffer): string {
  const text = decodeText(buffer);
  if (typeof text !== 'string') throw new Error(text.reason);
  return text;
}

describe('BOM and CRLF', () => {
  for (const name of ['configmap.yaml', 'deployment.yaml']) {
    it(`${name}: same Kubernetes facts and values as with LF`, () => {
      const lf = readFileSync(path.join(FIXTURE, name), 'utf8');
      expect(lf).not.toContain('\r');
      const lfDocs = parseYamlDocs(lf);
      const winDocs = parseYamlDocs(decoded(windows(lf)));
      expect(winDocs.map((d) => d.value)).toEqual(lfDocs.map((d) => d.value));
      expect(extractK8sObjects(winDocs)).toEqual(extractK8sObjects(lfDocs));
    });
  }

  it('ConfigMap data keys carry no CR and the first key no BOM', () => {
    const docs = parseYamlDocs(decoded(windows(readFileSync(path.join(FIXTURE, 'configmap.yaml'), 'utf8'))));
    const first = docs[0]!.value as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['apiVersion', 'kind', 'metadata', 'data']);
    expect(Object.keys(first.data as object)).toEqual(['LOG_LEVEL']);
    expect(first.data).toEqual({ LOG_LEVEL: 'info' });
  });

  it('.env file: same names, values and lines as with LF', () => {
    const lf = 'LOG_LEVEL=info\nAPI_TIMEOUT_MS=5000\n# comment\nQUOTED="a b"\n';
    expect(parseEnvFile(decoded(windows(lf)), '.env')).toEqual(parseEnvFile(lf, '.env'));
  });
});
