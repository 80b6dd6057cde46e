import express from 'express';
import fs from 'node:fs';
import { settings } from './config';

const app = express();
const accessLog = fs.createWriteStream('logs/access.log', { flags: 'a' });

app.get('/health', (_req, res) => {
  accessLog.write(`health ${settings.region}\n`);
  res.send('ok');
});

app.listen(Number(process.env.PORT ?? 3000));
