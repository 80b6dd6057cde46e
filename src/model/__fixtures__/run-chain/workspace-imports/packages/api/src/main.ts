import express from 'express';
import { startTelemetry } from '@acme/telemetry';
import { formatGreeting } from 'shared-lib/src/greeting';
import { template } from 'starter-template';

startTelemetry();
const app = express();
app.get('/', (_req, res) => res.send(formatGreeting(template)));
app.listen(Number(process.env.PORT));
