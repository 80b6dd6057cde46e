// `Request` is only used as a type: TypeScript erases this import, so nothing is loaded at run time.
import { Request, Response } from 'express-serve-static-core';
import * as http from 'node:http';

export function handle(req: Request, res: Response, server?: http.Server): string {
  return `${req.url} ${res.statusCode} ${server ? 'on' : 'off'}`;
}
