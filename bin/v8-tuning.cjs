// V8 settings for a short-lived CLI run, applied by the CLI before its code is compiled (never by
// the library: a host process keeps its own settings).
//
// An audit runs for seconds over code that turns hot at once (the parser, the walk, the rules'
// handlers); V8's optimising compiler then spends much of a cold run inlining large functions into
// each other on its background threads. A smaller inlining budget per function compiles less and runs
// about as fast: cold runs measured 8-10 % less CPU on a 9,300-file monorepo (medusa: 11.35 -> 10.16 s)
// and on the synthetic 200-service tree (4.94 -> 4.35-4.55 s), warm and one-file runs unchanged (they
// compile little). The bench's parse floor runs under the same settings, so the ratio to it compares
// like with like.
//
// V8 prints an error for a flag it does not know, so the flag is set only on the V8 versions it was
// measured on or known to have it (V8 11-13: Node 20-24); any other runs with V8's defaults.

'use strict';

const V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=150'];

function applyV8Tuning() {
  const major = Number(process.versions.v8.split('.')[0]);
  if (!(major >= 11 && major <= 13)) return;
  const v8 = require('node:v8');
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

module.exports = { applyV8Tuning, V8_FLAGS };
