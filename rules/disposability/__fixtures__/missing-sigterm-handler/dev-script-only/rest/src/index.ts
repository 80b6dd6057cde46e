// Run by `npm run dev` only: a developer starts it, no deployment declares it.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3000);
