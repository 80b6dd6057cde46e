import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { resolveImported } from '../../src/rule-api/ts-imports.js';
import { objectProperty, propertyNameText, stringValue, ts } from '../../src/rule-api/ts-utils.js';

const SQLITE = /^(sqlite|sqlite3|better-sqlite3|sqljs|capacitor|expo)$/;
/** Folders of one-off tools, not of the web process. */
const TOOL_DIR = /(^|\/)(scripts?|bin|cli|tools|seeds?|migrations|examples?|docs?)\//;
const LOWDB_ADAPTERS = new Set(['JSONFile', 'JSONFileSync', 'TextFile', 'TextFileSync', 'JSONFilePreset', 'JSONFileSyncPreset', 'DataFile', 'DataFileSync']);
const NEDB = new Set(['nedb', '@seald-io/nedb', 'nedb-promises', 'nedb-core', '@yetzt/nedb']);

const messages = {
  sqliteConfig: '{{engine}} database in a file of the local disk: its data lives on this one machine, is lost with the container and cannot be shared by another process.',
  multerDest: 'multer stores uploads in a folder of the local disk (dest): they stay on this one machine and are lost with the container.',
  multerDiskStorage: 'multer.diskStorage keeps uploads on the local disk: they stay on this one machine and are lost with the container.',
  lowdb: "lowdb keeps the application's data in a JSON file on the local disk: one machine, lost with the container, unsafe with two processes.",
  fileDatastore: "{{module}} keeps the application's data in a file on the local disk: one machine, lost with the container, unsafe with two processes.",
  sqliteFile: 'SQLite database in a file of the local disk{{file}}: its data lives on this one machine, is lost with the container and cannot be shared by another process.',
};
type Ctx = TsFileContext<keyof typeof messages>;

export default defineRule({
  id: 'processes/local-disk-persistence',
  factor: 'processes',
  severity: 'warning',
  presets: { recommended: 'off', strict: 'warning' },
  // The modules it judges (multer, lowdb, nedb, sqlite drivers) or an ORM config naming a SQLite engine.
  textHints: { ts: ['multer', 'lowdb', 'nedb', 'sqlite', 'sqljs', 'capacitor', 'expo'] },
  docs: {
    description: 'Uploads or app data kept on the local disk as the system of record (multer dest/diskStorage, lowdb, nedb, SQLite files)',
    remediation: 'Keep data in a backing service: uploads in object storage (S3, GCS, Azure Blob; multer memoryStorage or multer-s3), records in a database server. Local files may only be a scratch cache.',
  },
  messages,
  create: () => ({
    ts: {
      CallExpression: (node: ts.CallExpression, ctx) => check(node, ctx),
      NewExpression: (node: ts.NewExpression, ctx) => check(node, ctx),
      ObjectLiteralExpression(node: ts.ObjectLiteralExpression, ctx) {
        if (skipFile(ctx)) return;
        // `{ dialect: 'sqlite', storage }` (Sequelize), `{ client: 'sqlite3', connection: { filename } }`
        // (knex), `{ type: 'sqlite', database }` (TypeORM, MikroORM).
        const engine = ['dialect', 'client', 'type', 'driver'].map((k) => stringValue(objectProperty(node, k))).find((v) => v !== undefined && SQLITE.test(v));
        if (engine === undefined) return;
        const connection = objectProperty(node, 'connection');
        const file =
          fileProperty(node, ['storage', 'database', 'filename', 'dbName']) ??
          (connection && ts.isObjectLiteralExpression(connection) ? fileProperty(connection, ['filename']) : undefined);
        if (!file) return;
        ctx.report({ node: file, messageId: 'sqliteConfig', data: { engine } });
      },
    },
  }),
});

function skipFile(ctx: Ctx): boolean {
  return TOOL_DIR.test(ctx.path);
}

/** The property holding a database file name, unless it is in memory. */
function fileProperty(obj: ts.ObjectLiteralExpression, names: string[]): ts.Node | undefined {
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name);
    if (name === undefined || !names.includes(name)) continue;
    const value = ts.isPropertyAssignment(p) ? stringValue(p.initializer) : undefined;
    if (value === ':memory:' || value === '') return undefined;
    return p;
  }
  return undefined;
}

function check(node: ts.CallExpression | ts.NewExpression, ctx: Ctx): void {
  if (skipFile(ctx)) return;
  const callee = resolveImported(node.expression, ctx.sourceFile);
  if (!callee) return;
  const args = node.arguments ?? ts.factory.createNodeArray();
  const first = args[0];
  const { module, path } = callee;
  const last = path[path.length - 1];
  if (module === 'multer') {
    if (path.length === 0) {
      const dest = first && ts.isObjectLiteralExpression(first) ? first.properties.find((p) => p.name && propertyNameText(p.name) === 'dest') : undefined;
      if (dest) ctx.report({ node: dest, messageId: 'multerDest' });
    } else if (last === 'diskStorage') {
      ctx.report({ node, messageId: 'multerDiskStorage' });
    }
    return;
  }
  if (module === 'lowdb' || module.startsWith('lowdb/')) {
    if ((last && LOWDB_ADAPTERS.has(last)) || /adapters\/File(Sync|Async)$/.test(module)) {
      ctx.report({ node, messageId: 'lowdb' });
    }
    return;
  }
  if (NEDB.has(module)) {
    // `new Datastore()` without a filename is in memory.
    const opts = first && ts.isObjectLiteralExpression(first) ? first : undefined;
    const file = stringValue(first) ?? (opts && objectProperty(opts, 'filename') ? 'file' : undefined);
    if (file === undefined || file === ':memory:') return;
    if (path.length === 0 || last === 'create' || last === 'Datastore') {
      ctx.report({ node, messageId: 'fileDatastore', data: { module } });
    }
    return;
  }
  const isSqliteCtor = (module === 'better-sqlite3' && path.length === 0) || (module === 'sqlite3' && last === 'Database');
  const isSqliteOpen = module === 'sqlite' && last === 'open';
  if (isSqliteCtor || isSqliteOpen) {
    const file = isSqliteOpen ? stringValue(first && ts.isObjectLiteralExpression(first) ? objectProperty(first, 'filename') : undefined) : stringValue(first);
    if (file === ':memory:' || file === '' || (isSqliteCtor && first === undefined)) return;
    ctx.report({ node, messageId: 'sqliteFile', data: { file: file ? ` (${file})` : '' } });
  }
}
