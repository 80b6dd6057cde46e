import { spawn } from 'node:child_process';

const child = spawn('node', ['job.js'], { detached: true, stdio: 'ignore' });
child.unref();

spawn('node', ['report.js'], { detached: true }).unref();

require('daemon')();
