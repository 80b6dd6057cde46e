// Not a Next.js package: nothing provides server-only here.
import 'server-only';
import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
