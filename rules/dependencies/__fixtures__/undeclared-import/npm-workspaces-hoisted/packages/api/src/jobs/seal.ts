import pMap from 'p-map';
import { createId } from '@paralleldrive/cuid2';
import { uniq } from 'remeda';

export { type Prisma } from '@prisma/client';
export const sealAll = (ids: string[]) => pMap(uniq(ids), async (id) => `${id}-${createId()}`);
