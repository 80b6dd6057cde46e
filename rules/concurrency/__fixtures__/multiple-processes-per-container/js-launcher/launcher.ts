import { fork } from 'node:child_process';

const api = fork('./api.js');
const worker = fork('./worker.js');

process.on('SIGTERM', () => {
  api.kill('SIGTERM');
  worker.kill('SIGTERM');
});
