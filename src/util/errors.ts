/**
 * A mistake of the user (bad config file, bad baseline file, bad flag combination): the CLI prints
 * the message as one line and exits 2, never with a stack trace.
 */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
}

/** The id closest to `wanted` by edit distance, when it is close enough to be a likely typo. */
export function closestId(wanted: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    // Compare the rule name alone too: `hardcoded-secret` should find `config/hardcoded-secret`.
    const name = id.slice(id.indexOf('/') + 1);
    const d = Math.min(editDistance(wanted, id), editDistance(wanted, name));
    if (d < bestDistance) {
      bestDistance = d;
      best = id;
    }
  }
  const limit = Math.max(3, Math.floor(wanted.length / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}
