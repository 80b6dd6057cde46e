// The JSON report's schema (schemas/report.schema.json, shipped in the package) and a validator for
// reports read back (the fleet dashboard reads other runs' reports: external data).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

/** ajv is loaded only when a report is validated (schema command, tests). */
const loadAjv = () => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv;
import { PACKAGE } from '../version.js';

export const REPORT_SCHEMA_PATH = path.join(PACKAGE.root, 'schemas', 'report.schema.json');

export function reportSchemaText(): string {
  return readFileSync(REPORT_SCHEMA_PATH, 'utf8');
}

/** The schema of `dashboard --format json` (schemas/dashboard.schema.json). */
export const DASHBOARD_SCHEMA_PATH = path.join(PACKAGE.root, 'schemas', 'dashboard.schema.json');

export function dashboardSchemaText(): string {
  return readFileSync(DASHBOARD_SCHEMA_PATH, 'utf8');
}

let validator: ValidateFunction | undefined;

/** Null when the value is a valid report, else the first few problems, one per line. */
export function reportSchemaErrors(value: unknown): string | null {
  const Ajv = loadAjv();
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(reportSchemaText()) as object);
  if (validator(value)) return null;
  return (validator.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('\n');
}
