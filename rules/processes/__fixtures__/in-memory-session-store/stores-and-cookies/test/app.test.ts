import session from 'express-session';

export const testSession = session({ secret: 'test', resave: false, saveUninitialized: false });
