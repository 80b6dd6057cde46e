import fs from 'node:fs';
// Tests may capture logs to a file for assertions: runtime rules skip test files.
fs.appendFileSync('test-output.log', 'ran');
