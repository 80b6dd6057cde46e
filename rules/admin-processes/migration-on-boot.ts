import path from 'node:path/posix';
import { defineRule, type Severity } from '../../src/rule-api/types.js';
import { MIGRATION_COMMAND } from '../../src/knowledge/migration-tools.js';
import { isNonProduction } from '../../src/model/file-role.js';
import { describeChain, type RunLeaf } from '../../src/model/run-commands.js';
import type { MigrationCallFact } from '../../src/parsing/facts.js';
import { relativeToWorkdir, type ProjectModel } from '../../src/model/project-model.js';
import { isOneOffCommand, serverPathFiles } from './_server-path.js';
import { chainRelated, leafHops } from '../../src/model/run-chain.js';

/** Programs that run the service itself (what a migration in the same command runs before). */
const SERVER_PROGRAMS = /^(node|nodejs|ts-node|ts-node-dev|tsx|bun|deno|nodemon|pm2|pm2-runtime|forever|nest|next|nuxt|remix-serve)$/;

const messages = {
  onServerPath: '{{api}} changes the schema when the service boots ({{via}}).{{seen}}',
  forkedScript: '{{api}} changes the schema when the service boots ({{file}}:{{line}} forks {{target}} on the start path of {{entry}}).{{seen}}',
  scriptInStartCommand: '{{api}} runs in the start command before `{{server}}` ({{chain}} → {{leaf}}): every instance migrates on boot.{{seen}}',
  commandInStartCommand: '`{{command}}` runs in the start command before `{{server}}` ({{chain}}): every instance migrates on boot.',
};

export default defineRule({
  id: 'admin-processes/migration-on-boot',
  factor: 'admin-processes',
  severity: 'warning',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'dockerfile', 'compose', 'k8s', 'xf'],
  docs: {
    description:
      'The web process changes the schema when it starts (Sequelize sync, TypeORM synchronize/migrationsRun, knex migrate.latest, umzug/node-pg-migrate runs on the server path, `prisma migrate deploy && node ...` in a start command)',
    remediation:
      'Run migrations as a one-off admin process of the same release (a Kubernetes Job or Helm hook, a Procfile `release:` process, `docker compose run --rm api npm run migrate`), and start the web process without touching the schema.',
  },
  messages,
  checkProject(model, ctx) {
    const onServerPath = serverPathFiles(model);
    for (const [file, entry] of [...onServerPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const f = model.files.get(file);
      if (!f || f.isTest || f.facts.kind !== 'ts' || isNonProduction(model.environmentOf(file))) continue;
      for (const call of f.facts.migrationCalls) {
        const via = entry === file ? `${file} starts a long-running process` : `it is imported on the start path of ${entry}`;
        const { severity, seen } = acknowledgement(call);
        ctx.report({
          loc: { file, line: call.line, column: call.column },
          messageId: 'onServerPath',
          data: { api: call.api, via, seen },
          evidence: call.api,
          ...(severity ? { severity } : {}),
        });
      }
    }

    // Scripts the server forks as child Node processes while it starts (`fork(path.join(__dirname, '../scripts/migrate.js'))`).
    for (const [file, entry] of [...onServerPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const f = model.files.get(file);
      if (!f || f.isTest || f.facts.kind !== 'ts' || isNonProduction(model.environmentOf(file))) continue;
      for (const fork of f.facts.forkedScripts) {
        const target = model.resolveSourcePath(path.normalize(path.join(path.dirname(file), fork.path)));
        if (!target || onServerPath.has(target)) continue;
        const script = model.files.get(target)?.facts;
        if (script?.kind !== 'ts') continue;
        for (const call of script.migrationCalls) {
          const { severity, seen } = acknowledgement(call);
          ctx.report({
            loc: { file: target, line: call.line, column: call.column },
            messageId: 'forkedScript',
            data: { api: call.api, file, line: fork.line, target, entry, seen },
            evidence: call.api,
            ...(severity ? { severity } : {}),
          });
        }
      }
    }

    const reported = new Set<string>();
    const commands = [...model.runCommands()].sort((a, b) => rank(a.command.origin) - rank(b.command.origin));
    for (const { command, leaves } of commands) {
      if (isNonProduction(command.environment) || isOneOffCommand(model, command)) continue;
      if (model.files.get(command.at.file)?.isTest) continue;
      const scripts = new Map<RunLeaf, { file: string; call: MigrationCallFact }>();
      for (const leaf of leaves) {
        const hit = migrationScript(model, leaf);
        if (hit) scripts.set(leaf, hit);
      }
      const migrations = leaves.filter((l) => MIGRATION_COMMAND.test(l.argv.join(' ')) || scripts.has(l));
      if (migrations.length === 0) continue;
      // The service is what runs last (`migrate && node server.js`, `run-s migrate update start`).
      const server = [...leaves].reverse().find((l) => !migrations.includes(l) && isServerLeaf(l));
      if (!server) continue;
      for (const leaf of migrations) {
        const script = scripts.get(leaf);
        if (script) {
          const key = `${script.file}:${script.call.line}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const ack = acknowledgement(script.call);
          ctx.report({
            loc: { file: script.file, line: script.call.line, column: script.call.column },
            messageId: 'scriptInStartCommand',
            data: { api: script.call.api, server: server.argv.slice(0, 2).join(' '), chain: describeChain(leaf), leaf: leaf.argv.slice(0, 2).join(' '), seen: ack.seen },
            evidence: script.call.api,
            related: [...chainRelated(leafHops(leaf)), serverRelated(server)],
            ...(ack.severity ? { severity: ack.severity } : {}),
          });
          continue;
        }
        const key = `${leaf.at.file}:${leaf.at.line}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const what = MIGRATION_COMMAND.exec(leaf.argv.join(' '))![0];
        const chain = describeChain(leaf);
        ctx.report({
          loc: { file: leaf.at.file, line: leaf.at.line, column: leaf.at.column },
          messageId: 'commandInStartCommand',
          data: { command: what, server: server.argv.slice(0, 2).join(' '), chain },
          evidence: leaf.argv.join(' ').slice(0, 80),
          // The chain to the migration, then the server it runs before.
          related: [...chainRelated(leafHops(leaf)).slice(0, -1), serverRelated(server)],
        });
      }
    }
  },
});

/** `node scripts/migrate.js` whose program (not a server) changes the schema. */
function migrationScript(model: ProjectModel, leaf: RunLeaf): { file: string; call: MigrationCallFact } | undefined {
  if (!/^(node|nodejs|ts-node|tsx|bun)$/.test(path.basename(leaf.argv[0] ?? ''))) return undefined;
  const argv = leaf.argv.map((a) => relativeToWorkdir(a, leaf.command.workdir));
  const [target] = model.argvTargets(argv, leaf.command.contextDir);
  if (!target) return undefined;
  const closure = model.importClosure(target);
  let found: { file: string; call: MigrationCallFact } | undefined;
  for (const file of closure) {
    const facts = model.files.get(file)?.facts;
    if (facts?.kind !== 'ts') continue;
    if (facts.serverStarts.length > 0) return undefined;
    const call = facts.migrationCalls[0];
    if (call && !found) found = { file, call };
  }
  return found;
}

/** A gate or a lock seen around the call lowers the severity, and the message says what was seen. */
function acknowledgement(call: MigrationCallFact): { severity?: Severity; seen: string } {
  if (call.flag) return { severity: 'info', seen: ` It is gated by ${call.flag}: make sure the flag is off for the web process and on for a one-off migration run.` };
  if (call.lock) return { severity: 'info', seen: ` A lock (${call.lock}) was seen in this file, so concurrent boots wait instead of racing, but every instance still owns the schema change.` };
  return { seen: '' };
}

function serverRelated(server: RunLeaf): { file: string; line: number; column: number; message: string } {
  return { ...server.at, message: `then the service starts: ${server.argv.slice(0, 3).join(' ')}${server.entries[0] ? ` (${server.entries[0]})` : ''}` };
}

function rank(origin: string): number {
  return origin === 'package-start' ? 1 : 0;
}

function isServerLeaf(leaf: RunLeaf): boolean {
  const program = path.basename(leaf.argv[0] ?? '');
  if (SERVER_PROGRAMS.test(program)) return !MIGRATION_COMMAND.test(leaf.argv.join(' '));
  // `npm start` whose script was not found still starts the service.
  return /^(npm|yarn|pnpm|bun)$/.test(program) && (leaf.argv[1] === 'start' || (leaf.argv[1] === 'run' && leaf.argv[2] === 'start'));
}
