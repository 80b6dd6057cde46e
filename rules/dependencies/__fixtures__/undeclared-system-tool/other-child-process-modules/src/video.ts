import { exec } from 'promisify-child-process';
import { execa } from 'execa';
import spawn from 'cross-spawn';

export async function transcode(input: string, output: string) {
  await exec(`ffmpeg -i ${input} ${output}`);
  await execa('convert', [output, '-resize', '200x200', `${output}.png`]);
  spawn.sync('pdftotext', [input, `${input}.txt`]);
}
