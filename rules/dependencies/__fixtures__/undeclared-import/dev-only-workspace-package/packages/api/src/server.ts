import express from 'express';
import request from 'supertest';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
export const selfCheck = () => request(app).get('/health');
const server = app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
