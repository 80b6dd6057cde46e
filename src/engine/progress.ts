// A one-line progress display on stderr for long runs on a terminal: phase, files done/total,
// elapsed seconds. It appears only after `delayMs` (short runs stay silent), redraws at most every
// `intervalMs`, and is erased at the end so that nothing of it stays in the terminal or in the report.
// The CLI enables it only when stderr is a TTY and --no-progress is not given: CI logs never see it.

export interface ProgressOptions {
  write: (s: string) => void;
  /** Terminal width: the line is cut to fit so that it never wraps (a wrapped line cannot be erased). */
  columns?: number;
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  update(phase: string, done: number, total: number): void;
  /** Erases the line if one was drawn. */
  end(): void;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  const width = Math.max(20, (options.columns ?? 80) - 1);
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let lastPhase = '';
  return {
    update(phase, done, total) {
      const t = now();
      const phaseChanged = phase !== lastPhase;
      lastPhase = phase;
      if (t - start < delay) return;
      if (!phaseChanged && t - lastDraw < interval && done !== total) return;
      lastDraw = t;
      const counts = total > 0 ? ` ${done}/${total} files` : '';
      const line = `twelve-factor-audit: ${phase}${counts} · ${((t - start) / 1000).toFixed(1)}s`;
      options.write(`\r\x1b[2K${line.slice(0, width)}`);
      drawn = true;
    },
    end() {
      if (drawn) options.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
