// Import and require resolution helpers, with the TS parser (src/parsing/ts/ts-imports.ts); rule
// authors import them from here, the rule API.
export * from '../parsing/ts/ts-imports.js';
