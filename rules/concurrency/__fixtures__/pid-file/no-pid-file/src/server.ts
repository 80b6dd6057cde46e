// Near misses: the pid logged or sent in a message is not a PID file, and a file named
// like pid-something that holds no pid is fine.
import fs from 'node:fs';

console.log(`started as ${process.pid}`);
fs.writeFileSync('/tmp/report.json', JSON.stringify({ ok: true }));
fs.writeFileSync('/tmp/rapid.txt', 'fast');
process.send?.({ pid: process.pid });
