import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';

fs.writeFileSync('/var/run/shop-api.pid', String(process.pid));

export async function recordPid(dir: string) {
  await writeFile(`${dir}/api.pid`, 'started');
}

export function writeLock(lock: string) {
  fs.writeFileSync(lock, `${process.pid}\n`);
}
