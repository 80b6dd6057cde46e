import express from 'express';
import session from 'express-session';

export const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
  }),
);

const adminSession = { secret: process.env.ADMIN_SESSION_SECRET!, cookie: { maxAge: 3600_000 } };
export const admin = express();
admin.use(session(adminSession));
