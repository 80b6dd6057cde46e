import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '@docsign/db';

const Email = z.string().email();
export const users = Router().get('/users/:email', async (req, res) => res.json(await prisma.user.findUnique({ where: { email: Email.parse(req.params.email) } })));
