import multer from 'multer';
import Database from 'better-sqlite3';
import Datastore from '@seald-io/nedb';
import { Sequelize } from 'sequelize';

// Buffered in memory, then streamed to object storage by the handler.
export const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5_000_000 } });
export const cache = new Database(':memory:');
export const scratch = new Datastore();
export const sequelize = new Sequelize(process.env.DATABASE_URL!, { dialect: 'postgres' });
export const testDb = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
