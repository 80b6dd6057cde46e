import Decimal from 'decimal.js';

export const sum = (a: string, b: string) => new Decimal(a).plus(b).toString();
