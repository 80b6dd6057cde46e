import express from 'express';
import { Prisma } from '@prisma/client';
import { z } from 'zod';
import { documents } from './routes/documents';
import { users } from './routes/users';

const Port = z.coerce.number().default(3000);
export const app = express().use(documents).use(users);
const server = app.listen(Port.parse(process.env.PORT), () => console.log(Prisma.prismaVersion.client));
process.on('SIGTERM', () => server.close());
