import http from 'node:http';
export function start(..._args: unknown[]) { http.createServer().listen(3000); }
