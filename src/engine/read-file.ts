// Reading one source file for the per-file phase: the bytes (for the cache's content hash) and the
// text (UTF-8, BOM dropped), or why it cannot be audited. Shared by the main thread and the workers.

import { open } from 'node:fs/promises';

const BINARY_SNIFF = 8000;

export async function readBytes(absPath: string): Promise<Buffer | { reason: string }> {
  try {
    const handle = await open(absPath, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
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

export async function readText(absPath: string): Promise<string | { reason: string }> {
  const bytes = await readBytes(absPath);
  return Buffer.isBuffer(bytes) ? decodeText(bytes) : bytes;
}
