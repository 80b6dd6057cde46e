// Depends on next (it renders an e-mail preview with it) but is no Next.js app: no next.config.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(Number(process.env.PORT));
