const express = require('express');

async function bootstrap() {
  const app = express();
  app.get('/health', (_req, res) => res.send('ok'));
  app.listen(Number(process.env.PORT || 3000));
}

if (require.main === module) {
  bootstrap();
}

module.exports = { bootstrap };
