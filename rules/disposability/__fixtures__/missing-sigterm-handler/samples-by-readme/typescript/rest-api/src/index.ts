// An example to copy: it teaches one thing (a REST API), not how the product shuts down.
import express from 'express';

const app = express();
app.get('/users', (_req, res) => res.json([]));
app.listen(3000);
