// Moved to src/parsing/facts.ts (the parsers' output types sit with the parsers). This re-export
// keeps rules that still import it building until they import src/parsing/facts.js.
export type * from '../parsing/facts.js';
