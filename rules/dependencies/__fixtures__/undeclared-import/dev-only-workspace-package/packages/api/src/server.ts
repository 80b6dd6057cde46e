import express from 'express';
import request from 'supertest';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
export const selfCheck = () => request(app).get('/health');
app.listen(Number(process.env.PORT));
