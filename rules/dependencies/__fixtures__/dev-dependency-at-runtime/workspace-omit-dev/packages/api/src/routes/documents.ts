import { Router } from 'express';
import { z } from 'zod';

const Id = z.string().uuid();
export const documents = Router().get('/documents/:id', (req, res) => res.json({ id: Id.parse(req.params.id) }));
