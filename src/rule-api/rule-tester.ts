// Moved to src/testing/rule-tester.ts (it runs the engine, so it sits above it). This re-export keeps
// the rule tests that still import it building until they import src/testing/rule-tester.js.
export * from '../testing/rule-tester.js';
