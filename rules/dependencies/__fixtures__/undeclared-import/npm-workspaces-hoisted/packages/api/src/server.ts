import Fastify from 'fastify';
import { Prisma } from '@prisma/client';
import pMap from 'p-map';
import { type Options, type Mode } from 'zod-to-json-schema';
import type { Static } from '@sinclair/typebox';
import { sealAll } from '#jobs/seal';
import { mapAll } from '@sign/lib';
import { version } from '@sign/api/package.json';
import { createId } from '@paralleldrive/cuid2';

export type Body = Static<never> | Options | Mode;
export const app = Fastify();
app.get('/version', async () => ({ version, id: createId(), ok: Prisma.ModelName, sealAll, mapAll, pMap }));
