import { execFile, spawn } from 'node:child_process';
import * as cp from 'child_process';

export function thumbnail(input: string, output: string) {
  spawn('ffmpeg', ['-i', input, '-vframes', '1', output]);
  execFile('convert', [output, '-resize', '200x200', output]);
  cp.execSync('git rev-parse HEAD');
  cp.exec(`tar -czf ${output}.tgz ${output}`);
  return cp.execSync('pdftotext in.pdf out.txt');
}
