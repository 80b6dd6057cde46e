import { exec } from 'promisify-child-process';
import { execa } from 'execa';
import { exec as query } from './db';

export async function transcode(input: string, output: string) {
  await exec(`ffmpeg -i ${input} ${output}`);
  await execa('convert', [output, `${output}.png`]);
  // The app's own exec(), not a child process.
  await query('vacuum analyze');
}
