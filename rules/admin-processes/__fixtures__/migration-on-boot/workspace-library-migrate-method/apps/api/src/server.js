const http = require('node:http');
const { Database } = require('@shop/database');

const db = new Database(process.env.DATABASE_URL);
const server = http.createServer(async (_req, res) => res.end(JSON.stringify(await db.ping())));
server.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close(() => db.close()));
