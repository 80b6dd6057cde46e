import fs from 'node:fs';
import path from 'node:path';
import morgan from 'morgan';
import express from 'express';

const app = express();
const accessLog = fs.createWriteStream(path.join(__dirname, 'access.txt'), { flags: 'a' });
app.use(morgan('combined', { stream: accessLog }));

export function audit(event: string) {
  fs.appendFileSync('logs/audit.log', `${event}\n`);
}

export default app;
