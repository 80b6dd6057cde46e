const express = require('express');
const { startMailer } = require('./mailer');

const app = express();
app.listen(process.env.PORT ?? 3000);
startMailer();
