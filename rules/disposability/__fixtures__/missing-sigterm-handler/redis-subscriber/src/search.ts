export async function rebuildSearchIndex(id: string): Promise<void> {
  process.stdout.write(`${JSON.stringify({ reindex: id })}\n`);
}
