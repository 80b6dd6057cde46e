// A developer runs this with `npm run dev`; the image runs its build (dist/index.js), which nothing
// here maps back to this file: what the image runs is not known, so this server is still judged.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(Number(process.env.PORT ?? 5055));
