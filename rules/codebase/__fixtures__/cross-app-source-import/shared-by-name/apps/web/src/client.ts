// Near misses: a type-only import across apps, a folder whose package.json only sets the module type.
import type { Router } from '../../api/src/router';
import { money } from '@shop/shared';
import { label } from './esm/format';

export const load = (r?: Router) => label(String(money(100))) + String(r);
// Another package's manifest read for its version: metadata, not its source.
export { version as apiVersion } from '../../api/package.json';
