const express = require('express');
const session = require('express-session');
const MemoryStore = require('memorystore')(session);
const FileStore = require('session-file-store')(session);

const app = express();

app.use(session({ secret: process.env.SESSION_SECRET, store: new MemoryStore({ checkPeriod: 86400000 }), resave: false }));
app.use('/admin', session({ secret: process.env.SESSION_SECRET, store: new FileStore({ path: './sessions' }), resave: false }));
app.use('/legacy', session({ secret: process.env.SESSION_SECRET, store: new session.MemoryStore(), resave: false }));

module.exports = app;
