import { spawn } from 'node:child_process';

// Detached into its own process group, but awaited: still supervised by this process.
const child = spawn('node', ['task.js'], { detached: true, stdio: 'inherit' });
child.on('exit', (code) => console.log('task exited', code));
