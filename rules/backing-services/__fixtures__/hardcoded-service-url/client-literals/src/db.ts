import { Pool } from 'pg';
import mongoose from 'mongoose';
import Redis from 'ioredis';

const MONGO_URL = 'mongodb://mongo.internal:27017/shop';

export const pool = new Pool({
  host: 'db.internal',
  database: 'shop',
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD,
});

export const reporting = new Pool({ connectionString: 'postgres://report:Tr7vK2mQ9xLp@reporting.internal:5432/reports' });

export async function connect(): Promise<void> {
  await mongoose.connect(MONGO_URL);
}

export const cache = new Redis(6379, 'cache.internal');
