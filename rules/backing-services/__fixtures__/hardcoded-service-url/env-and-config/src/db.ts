import { Pool } from 'pg';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { Sequelize } from 'sequelize';
import { config } from './config.js';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const cache = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });
export const orm = new Sequelize(config.databaseUrl, { dialect: 'postgres' });
export const legacy = new Sequelize('shop', 'app', process.env.DB_PASSWORD!, { host: config.dbHost, dialect: 'mysql' });

export async function connect(): Promise<void> {
  await mongoose.connect(`mongodb://${config.mongoHost}:27017/shop`);
}

// Documentation, not wiring.
export const HELP = 'Set DATABASE_URL, e.g. postgres://user:password@host:5432/db';
export const EXAMPLE_URL = 'postgres://user:password@host:5432/db';
