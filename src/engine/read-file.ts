// Reading one source file for the per-file phase: the bytes (for the cache's content hash) and the
// text (UTF-8, BOM dropped), or why it cannot be audited. Shared by the main thread and the workers.

import { readFileSync } from 'node:fs';

const BINARY_SNIFF = 8000;

/**
 * Synchronous on purpose: for many small files one readFileSync costs a fraction of the three
 * thread-pool round trips of fs.promises open/readFile/close (profiled on the
 * 50-service bench tree: 890 ms of 2.6 s in the per-file phase went to async reads), and the per-file phase has nothing else to do meanwhile.
 */
export function readBytes(absPath: string): Buffer | { reason: string } {
  try {
    return readFileSync(absPath);
  } catch (err) {
    return { reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

export function decodeText(buffer: Buffer): string | { reason: string } {
  const sniff = buffer.subarray(0, BINARY_SNIFF);
  if (sniff.includes(0)) return { reason: 'binary content (NUL bytes)' };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function readText(absPath: string): string | { reason: string } {
  const bytes = readBytes(absPath);
  return Buffer.isBuffer(bytes) ? decodeText(bytes) : bytes;
}
