import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStructured } from './structured.js';

describe('parseStructured: YAML', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the yaml package quiet on templated YAML: no process warning, no console output', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A Helm-style key outside templates/ is a flow map used as a key: the yaml package warns that it stringifies it.
    const docs = parseStructured('metadata:\n  {{ .Values.name }}: x\n  name: api\n');
    expect(docs).toHaveLength(1);
    expect((docs[0]!.value as { metadata: Record<string, unknown> }).metadata.name).toBe('api');
    expect(emitted).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
  });
});
