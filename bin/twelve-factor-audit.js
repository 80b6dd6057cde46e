#!/usr/bin/env node
// Loads the compiled CLI. Kept tiny so that `npx twelve-factor-audit` starts fast.
import { main } from '../dist/src/cli/main.js';

await main();
