// `TIMING=1 twelve-factor-audit ...` prints where a run spent its time on stderr, as ESLint's TIMING
// does: the phases of the run and the slowest project-phase rules. Off by default; when off, the
// recorder is never created and the engine pays nothing.

export interface Timings {
  /** Adds `ms` to a named bucket (`phase:...`, `rule:...`); a `count:` bucket counts instead (not printed). */
  add(name: string, ms: number): void;
  /** Times `fn` into a bucket and returns its result. */
  time<T>(name: string, fn: () => T): T;
  entries(): Array<[string, number]>;
}

export function createTimings(): Timings {
  const buckets = new Map<string, number>();
  const add = (name: string, ms: number) => buckets.set(name, (buckets.get(name) ?? 0) + ms);
  return {
    add,
    time(name, fn) {
      const t0 = performance.now();
      try {
        return fn();
      } finally {
        add(name, performance.now() - t0);
      }
    },
    entries: () => [...buckets],
  };
}

/** `TIMING` set to anything but `0`/empty turns it on; a number sets how many rules are listed (default 10). */
export function timingFromEnv(env: NodeJS.ProcessEnv): { rows: number } | null {
  const raw = env.TIMING;
  if (raw === undefined || raw === '' || raw === '0') return null;
  const n = Number(raw);
  return { rows: Number.isInteger(n) && n > 1 ? n : 10 };
}

/** A small table: phases in run order, then the `rows` slowest rules. */
export function formatTimings(timings: Timings, rows: number): string {
  const all = timings.entries();
  const phases = all.filter(([k]) => k.startsWith('phase:'));
  const slowest = (prefix: string) => all.filter(([k]) => k.startsWith(prefix)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, rows);
  const rules = slowest('rule:');
  const fileRules = slowest('file-rule:');
  const width = Math.max(...[...phases, ...rules, ...fileRules].map(([k]) => k.length - k.indexOf(':') - 1), 5);
  const line = ([k, ms]: [string, number]) => `  ${k.slice(k.indexOf(':') + 1).padEnd(width)}  ${ms.toFixed(1).padStart(9)} ms`;
  const out = ['timing (TIMING=1):', ...phases.map(line)];
  if (fileRules.length > 0) out.push('slowest rules in the per-file phase (handlers only, main thread):', ...fileRules.map(line));
  if (rules.length > 0) out.push('slowest rules in the cross-file phase:', ...rules.map(line));
  return `${out.join('\n')}\n`;
}

/**
 * The recorder for per-file rule time, when TIMING is on (set by audit.ts for the run, in the main
 * thread only: workers do not report rule time). Checked once per file, not per node.
 */
let perFileTimings: Timings | undefined;
export function setPerFileTimings(timings: Timings | undefined): void {
  perFileTimings = timings;
}
export function currentPerFileTimings(): Timings | undefined {
  return perFileTimings;
}
