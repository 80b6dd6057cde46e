import express from 'express';

const PRICES = new Map([['basic', 10], ['pro', 30]]);
const defaults = { currency: 'EUR' };
const registry = new Map<string, () => void>();
let started = false;

// Filled once at start-up, outside any request handler.
registry.set('ping', () => undefined);
started = true;

export const router = express.Router();

router.get('/price/:plan', (req, res) => {
  const carts = new Map<string, number>();
  carts.set(req.params.plan, PRICES.get(req.params.plan) ?? 0);
  const registry: string[] = [];
  registry.push('local');
  res.json({ price: carts.get(req.params.plan), currency: defaults.currency, started, registry });
});
