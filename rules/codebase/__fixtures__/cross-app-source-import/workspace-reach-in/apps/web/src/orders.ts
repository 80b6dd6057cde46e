import { findOrder } from '../../api/src/db';

export const order = (id: string) => findOrder(id);
