import type { Router } from '../../api/src/router';
import { findOrder } from '../../api/src/db';
import { label } from './format';
export { money } from '../../../packages/shared/src/money';

export const load = (r?: Router) => label(findOrder('1').id) + String(r);
