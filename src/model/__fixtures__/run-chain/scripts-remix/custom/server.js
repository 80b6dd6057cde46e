import { createRequestHandler } from '@react-router/express';
import express from 'express';

const app = express();
// The build output, not in the repository: the server file is the entry.
app.all('*', createRequestHandler({ build: () => import('./build/server/index.js') }));
app.listen(process.env.PORT || 3000);
