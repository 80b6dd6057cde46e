const express = require('express');
const morgan = require('morgan');

const app = express();

if (process.env.NODE_ENV !== 'production') {
  app.use(morgan('dev'));
  console.log('verbose request logging on');
}

if (process.env.NODE_ENV === 'test') {
  app.disable('x-powered-by');
}

// A flag that the environment only feeds is not itself the environment.
const mailEnabled = Boolean(process.env.SMTP_HOST) || process.env.NODE_ENV === 'development';
if (mailEnabled) {
  app.locals.mail = true;
}

module.exports = app;
