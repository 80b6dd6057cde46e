// Service URLs (`postgres://user:pass@db:5432/app`) for the two backing-services rules: which schemes
// name a backing service, how to read host and password out of a URL written with `${...}` holes,
// and which hosts are placeholders rather than real machines.

import { isPlaceholder, redact } from '../../src/secrets/detect.js';

export const SERVICE_SCHEMES: Record<string, string> = {
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  'postgresql+asyncpg': 'PostgreSQL',
  cockroachdb: 'CockroachDB',
  mysql: 'MySQL',
  mysql2: 'MySQL',
  mariadb: 'MariaDB',
  mssql: 'SQL Server',
  sqlserver: 'SQL Server',
  mongodb: 'MongoDB',
  'mongodb+srv': 'MongoDB',
  redis: 'Redis',
  rediss: 'Redis',
  'redis+sentinel': 'Redis',
  valkey: 'Valkey',
  amqp: 'RabbitMQ',
  amqps: 'RabbitMQ',
  kafka: 'Kafka',
  nats: 'NATS',
  smtp: 'SMTP',
  smtps: 'SMTP',
  memcached: 'Memcached',
  clickhouse: 'ClickHouse',
  cassandra: 'Cassandra',
  neo4j: 'Neo4j',
  'neo4j+s': 'Neo4j',
  bolt: 'Neo4j',
  couchbase: 'Couchbase',
  ldap: 'LDAP',
  ldaps: 'LDAP',
};

export interface ParsedServiceUrl {
  scheme: string;
  service: string;
  user?: string;
  password?: string;
  /** First host (`a` of `a:1,b:2`). */
  host: string;
}

/** Placeholder hosts of documentation and templates. */
const PLACEHOLDER_HOST = /^(host|hostname|your[-_.]?host.*|server|domain|example\.(com|org|net)|.*\.example\.(com|org|net)|xxx+|\.\.\.|<.*>|\[.*\]|\{.*\}|%s|dbhost|db_host|redis_host|mongo_host)$/i;

/**
 * A service URL in `text` (the whole string, or `${}`-holed text of a template). `${}` in the host
 * makes it not literal: returns undefined.
 */
export function parseServiceUrl(text: string): ParsedServiceUrl | undefined {
  const m = /^\s*([a-z][a-z0-9+.-]{1,24}):\/\/([^\s/?#]*)/i.exec(text);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const service = SERVICE_SCHEMES[scheme];
  if (!service) return undefined;
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPart = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPart.split(',')[0]!.replace(/:\d*$/, '').replace(/^\[|\]$/g, '');
  const out: ParsedServiceUrl = { scheme, service, host };
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    out.user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (colon >= 0) out.password = decodeSafe(userinfo.slice(colon + 1));
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A host a value really names (not a hole, not a placeholder, not empty). */
export function isLiteralHost(host: string): boolean {
  if (host === '' || host.includes('${}') || host.includes('$') || host.includes('{{')) return false;
  return !PLACEHOLDER_HOST.test(host);
}

/** A password that is really written there (not `${DB_PASSWORD}`, not `<password>`, not `***`). */
export function isLiteralPassword(password: string | undefined): password is string {
  if (password === undefined || password === '') return false;
  if (password.includes('${}') || password.includes('$')) return false;
  return !isPlaceholder(password) && !/^(pass|pwd|pw|p|\*+)$/i.test(password);
}

/** The URL with its password redacted, for messages and evidence. */
export function redactUrl(text: string, password: string): string {
  const i = text.indexOf(`:${password}@`);
  const shown = i >= 0 ? `${text.slice(0, i + 1)}${redact(password)}${text.slice(i + 1 + password.length)}` : text;
  return shown.length > 160 ? `${shown.slice(0, 157)}...` : shown;
}

/** Every `scheme://user:password@host` in free text (a compose command, a Dockerfile line). */
export function* serviceUrlsIn(text: string): Generator<{ url: string; parsed: ParsedServiceUrl }> {
  const re = /\b([a-z][a-z0-9+.-]{1,24}):\/\/[^\s'"`]{1,1024}/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const url = m[0].replace(/[),;]+$/, '');
    const parsed = parseServiceUrl(url);
    if (parsed) yield { url, parsed };
  }
}
