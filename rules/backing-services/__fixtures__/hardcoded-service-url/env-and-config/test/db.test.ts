import { Pool } from 'pg';

export const testPool = new Pool({ connectionString: 'postgres://postgres:postgres@localhost:5432/test' });
