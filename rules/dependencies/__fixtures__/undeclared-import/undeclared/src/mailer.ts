import 'dotenv/config';
import { Pool } from 'pg';
import nodemailer from 'nodemailer';
import { fromEnv } from '@aws-sdk/credential-providers/dist-cjs';

const axios = require('axios');

export async function send(pool: Pool) {
  const { marked } = await import('marked');
  return { nodemailer, fromEnv, axios, marked, pool };
}
