import { createId } from '@paralleldrive/cuid2';

export const archiveId = () => createId();
