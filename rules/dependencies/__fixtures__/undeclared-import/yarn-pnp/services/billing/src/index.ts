import { sum } from '@ledgerly/ledger';
import Decimal from 'decimal.js';

export const total = (items: string[]) => new Decimal(items.reduce(sum, '0'));
