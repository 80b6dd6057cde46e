import { Pool } from 'pg';

export const testPool = new Pool({ connectionString: 'postgres://localhost:5432/test' });
