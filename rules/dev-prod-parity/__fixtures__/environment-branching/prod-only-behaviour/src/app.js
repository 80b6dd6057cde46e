const express = require('express');

const app = express();
const isProd = process.env.NODE_ENV === 'production';

if (process.env.NODE_ENV === 'production') {
  app.set('trust proxy', 1);
}

if (!isProd) {
  app.use(require('cors')());
} else {
  app.use(express.static('public', { maxAge: '1d' }));
}

switch (process.env.NODE_ENV) {
  case 'production':
    app.locals.cacheTemplates = true;
    break;
  default:
    app.locals.cacheTemplates = false;
}

module.exports = app;
