// The verdict tally of a set of judged findings, and the evidence file's per-rule counts: shared by
// the accuracy run (run.ts), the preset policy (presets.test.ts) and the rule pages' measured line
// (rule-pages.ts).

export interface Tally {
  judged: number;
  TP: number;
  FP: number;
  DEBATABLE: number;
  /**
   * TP / (TP + FP), as issue 13 counts it (41 true, 347 false, 133 debatable: "precision about 0.11"):
   * a debatable finding is accurate and neither for nor against the rule. Null when nothing was decided.
   */
  precision: number | null;
  /** TP / judged: the share of judged findings that are plainly true (a debatable one counts against). */
  share: number | null;
  /** (TP + DEBATABLE) / judged. */
  lenient: number | null;
  /** Errors and warnings reported but not judged yet. */
  unjudged: number;
}

export function emptyTally(): Tally {
  return { judged: 0, TP: 0, FP: 0, DEBATABLE: 0, precision: null, share: null, lenient: null, unjudged: 0 };
}

/** Computes a tally's ratios from its counts. */
export function finish(t: Tally): Tally {
  if (t.TP + t.FP > 0) t.precision = t.TP / (t.TP + t.FP);
  if (t.judged > 0) {
    t.share = t.TP / t.judged;
    t.lenient = (t.TP + t.DEBATABLE) / t.judged;
  }
  return t;
}

/** Per-rule verdict counts of the strict run over the whole corpus, committed beside the verdicts. */
export interface Evidence {
  /** The commit of this tool that produced the counts. */
  measuredWith: string;
  repositories: number;
  rules: Record<string, Pick<Tally, 'judged' | 'TP' | 'FP' | 'DEBATABLE' | 'unjudged'>>;
}

/** A tally from stored counts (precision, share and lenient computed as for a run). */
export function tallyOf(counts: Pick<Tally, 'judged' | 'TP' | 'FP' | 'DEBATABLE' | 'unjudged'> | undefined): Tally {
  return finish({ ...emptyTally(), ...(counts ?? {}) });
}
