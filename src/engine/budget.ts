// The per-file time budget (--file-time-budget): a file whose analysis runs longer is reported as
// skipped instead of holding up the run. Hostile input (a generated 2 MB file of nested calls, a
// pathological YAML) must cost a bounded time per file, whatever the rules do with it.

import { diagnostics } from './diagnostics.js';
import type { FileResult } from './per-file.js';

/**
 * Default per-file budget: far above real files. Generated TS files near the 2 MB size limit (38,000
 * calls on one line each, 60,000 statements on one line, 50,000 object literals) took 0.6-1.1 s for
 * the whole analysis on the 2-core bench machine.
 */
export const DEFAULT_FILE_TIME_BUDGET_MS = 10_000;

/**
 * The per-file time budget, checked between stages of a file's analysis (after parsing, every few
 * thousand nodes of the walk, between rules). A parser call itself cannot be interrupted in this
 * thread; every parser is linear and bounded by maxFileSize, so one call stays short (docs/security.md).
 */
export class Budget {
  private readonly deadline: number;
  constructor(private readonly ms: number | undefined) {
    this.deadline = ms && ms > 0 ? performance.now() + ms : Infinity;
  }
  get exceeded(): boolean {
    return performance.now() > this.deadline;
  }
  /** The result of a file whose analysis ran out of time: skipped, reported, never cached. */
  skip(path: string): FileResult {
    return {
      path,
      kind: null,
      facts: null,
      findings: [diagnostics.fileOverBudget(path, this.ms)],
      incomplete: true,
    };
  }
}

