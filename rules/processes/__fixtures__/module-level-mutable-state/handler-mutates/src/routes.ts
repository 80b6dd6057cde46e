import express from 'express';

const carts = new Map<string, string[]>();
let requestCount = 0;
const rateLimits: Record<string, number> = {};
const recent: string[] = [];

export const router = express.Router();

router.post('/cart/:id', (req, res) => {
  requestCount++;
  const items = carts.get(req.params.id) ?? [];
  carts.set(req.params.id, [...items, String(req.body.sku)]);
  res.json({ items });
});

router.get('/limited', function limited(req, res) {
  rateLimits[req.ip ?? ''] = (rateLimits[req.ip ?? ''] ?? 0) + 1;
  res.sendStatus(204);
});

export function remember(path: string): void {
  recent.push(path);
}
