import { readFile } from 'node:fs';
import { mkdir } from 'fs/promises';
import path from 'path';
import express from 'express';
import groupBy from 'lodash/groupBy';
import { S3Client } from '@aws-sdk/client-s3';
import type { Redis } from 'ioredis';
import { schema } from '@/config';
import config from '#config';
import { format } from 'src/lib/format';
import { money } from '@shop/shared';
import { helper } from './lib/format';

let metrics: unknown;
try {
  metrics = require('prom-client');
} catch {
  metrics = undefined;
}

export type Cache = Redis;
export const app = express();
export const parts = { readFile, mkdir, path, groupBy, S3Client, schema, config, format, money, helper, metrics };
