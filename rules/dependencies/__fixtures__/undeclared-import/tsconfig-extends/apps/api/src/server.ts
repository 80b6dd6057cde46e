import express from 'express';
import { db } from '@server/db';
import { button } from '@ui/button';

export const app = express();
app.get('/', (_req, res) => res.send(button(String(db))));
