import express from 'express';

export function start() {
  const app = express();
  app.listen(3000);
}
