// Near miss: the same server, which `npm start` runs too: what the package deploys.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(4000);
