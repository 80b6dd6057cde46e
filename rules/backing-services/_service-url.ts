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
  /** Decoded, for judging. */
  password?: string;
  /** As written, for redaction. */
  passwordRaw?: string;
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
  const m = /^\s*([a-z][a-z0-9+.-]{1,24}):\/\/(\S*)/i.exec(text);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const service = SERVICE_SCHEMES[scheme];
  if (!service) return undefined;
  const rest = m[2]!;
  // Passwords are often not percent-encoded (`redis://:Rq8#x@cache`): the userinfo runs to the last
  // `@` that is followed by a host; neither user nor password holds a `/` (that is a path).
  const withUser = /^([^\s/:@]*)(?::([^/]*))?@([A-Za-z0-9._\-[\]:,${}]+)(?:[/?#]|$)/.exec(rest);
  const out: ParsedServiceUrl = { scheme, service, host: '' };
  let hostPart: string;
  if (withUser) {
    out.user = withUser[1]!;
    if (withUser[2] !== undefined) {
      out.passwordRaw = withUser[2];
      out.password = decodeSafe(withUser[2]);
    }
    hostPart = withUser[3]!;
  } else {
    hostPart = rest.split(/[/?#]/)[0]!;
  }
  out.host = hostPart.split(',')[0]!.replace(/:\d*$/, '').replace(/^\[|\]$/g, '');
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

/** The URL with its password redacted, for messages and evidence. `password` is as written. */
export function redactUrl(text: string, password: string): string {
  const i = text.indexOf(`:${password}@`);
  let shown: string;
  if (i >= 0) shown = `${text.slice(0, i + 1)}${redact(password)}${text.slice(i + 1 + password.length)}`;
  else {
    // Never print what could not be located: drop the whole userinfo.
    const scheme = text.indexOf('://');
    const at = text.lastIndexOf('@');
    shown = scheme >= 0 && at > scheme ? `${text.slice(0, scheme + 3)}…${text.slice(at)}` : '(URL with a password)';
  }
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

/** A password slot that is only a variable (`${DB_PASSWORD}`, `$(DB_PASSWORD)`, `$DB_PASSWORD`, a TS `${}` hole). */
export function isInterpolated(passwordRaw: string): boolean {
  return /^(\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*)$/.test(passwordRaw);
}
