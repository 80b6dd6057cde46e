// The demo's API: only a start script in development mode runs it, beside the Vite dev server.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3001);
