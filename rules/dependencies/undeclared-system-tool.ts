import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { DockerfileFacts, DockerStage } from '../../src/parsing/facts.js';
import type { ModelFile } from '../../src/model/project-model.js';
import { runCommands, stageByName, stageChain, systemPackagesInstalled } from '../../src/model/docker-commands.js';
import { declarationsFor, isDevContextPath } from '../../src/model/packages.js';

/** Programs every Node image has (Debian, slim and Alpine variants): the shell, coreutils/busybox, node and its package managers. */
const ALWAYS_THERE = new Set(
  (
    'sh node nodejs npm npx yarn yarnpkg corepack env echo printf cat ls cp mv rm mkdir rmdir ln chmod chown touch kill sleep true false test ' +
    'pwd date uname id whoami hostname tar gzip gunzip zcat sed grep awk head tail sort uniq wc tr cut find xargs basename dirname df du which ' +
    'nice timeout tee mktemp readlink realpath stat sync md5sum sha1sum sha256sum base64 expr seq yes nproc dd split'
  ).split(' '),
);

/** System packages that provide a program under another name. */
const PROVIDED_BY: Record<string, string[]> = {
  convert: ['imagemagick', 'imagemagick-6.q16', 'graphicsmagick-imagemagick-compat'],
  magick: ['imagemagick'],
  identify: ['imagemagick'],
  gm: ['graphicsmagick'],
  ffprobe: ['ffmpeg'],
  psql: ['postgresql-client', 'postgresql'],
  pg_dump: ['postgresql-client', 'postgresql'],
  pg_restore: ['postgresql-client', 'postgresql'],
  mysql: ['default-mysql-client', 'mysql-client', 'mariadb-client'],
  mysqldump: ['default-mysql-client', 'mysql-client', 'mariadb-client'],
  mongodump: ['mongodb-database-tools', 'mongodb-tools'],
  mongorestore: ['mongodb-database-tools', 'mongodb-tools'],
  'redis-cli': ['redis-tools', 'redis'],
  gs: ['ghostscript'],
  pdftotext: ['poppler-utils'],
  pdftoppm: ['poppler-utils'],
  pdfinfo: ['poppler-utils'],
  soffice: ['libreoffice', 'libreoffice-core', 'libreoffice-writer'],
  libreoffice: ['libreoffice-core', 'libreoffice-writer'],
  ps: ['procps', 'procps-ng'],
  ssh: ['openssh-client', 'openssh'],
  scp: ['openssh-client', 'openssh'],
  python: ['python3', 'python-is-python3', 'python2'],
  python3: ['python3-minimal'],
  chromium: ['chromium-browser'],
  'chromium-browser': ['chromium'],
  'google-chrome': ['google-chrome-stable'],
  exiftool: ['libimage-exiftool-perl', 'perl-image-exiftool'],
  tesseract: ['tesseract-ocr'],
  '7z': ['p7zip-full', 'p7zip', '7zip'],
  zip: ['zip'],
  unzip: ['unzip'],
  dig: ['dnsutils', 'bind-tools', 'bind-utils'],
  nslookup: ['dnsutils', 'bind-tools', 'bind-utils'],
  docker: ['docker-ce-cli', 'docker-cli', 'docker.io'],
  bash: ['bash'],
  Xvfb: ['xvfb'],
  rsvg: ['librsvg2-bin'],
  'rsvg-convert': ['librsvg2-bin', 'rsvg-convert'],
  vips: ['libvips-tools', 'vips-tools'],
};

/** Program names that an npm dependency puts in node_modules/.bin under another name. */
const NPM_BIN: Record<string, string> = { tsc: 'typescript', 'ts-node': 'ts-node', prisma: 'prisma', knex: 'knex', 'pm2-runtime': 'pm2', sequelize: 'sequelize-cli' };

const messages = {
  notInstalled: '`{{program}}` is run through {{module}}.{{fn}}, but {{images}} never installs it: the call fails in the container.',
};

export default defineRule({
  id: 'dependencies/undeclared-system-tool',
  factor: 'dependencies',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['ts', 'dockerfile', 'xf'],
  docs: {
    description: 'child_process runs a system program (ffmpeg, convert, git, curl...) that the service\'s image never installs',
    remediation: 'Install the program in the image (apt-get install -y --no-install-recommends ffmpeg, apk add ffmpeg), or use a library or an image that provides it.',
  },
  messages,
  checkProject(model, ctx) {
    const dockerfiles = model.ofKind('dockerfile');
    if (dockerfiles.length === 0) return;
    for (const file of model.tsFiles) {
      if (file.isTest || isDevContextPath(file.path) || file.facts.childProcesses.length === 0) continue;
      const images = imagesFor(dockerfiles, file.path);
      if (images.length === 0) continue;
      const decl = declarationsFor(model, file.path);
      for (const call of file.facts.childProcesses) {
        const program = call.command;
        if (!program || call.fn === 'fork' || /[/\\$`"'{}]/.test(program) || program.startsWith('.') || program.startsWith('-')) continue;
        if (ALWAYS_THERE.has(program)) continue;
        if (decl && (decl.runtime.has(program) || decl.devOnly.has(program) || decl.runtime.has(NPM_BIN[program] ?? '') || decl.devOnly.has(NPM_BIN[program] ?? ''))) continue;
        if (images.some((image) => provides(image, program))) continue;
        const names = images.map((i) => i.file).join(', ');
        ctx.report({
          loc: { file: file.path, line: call.line, column: call.column },
          messageId: 'notInstalled',
          data: { program, module: call.module ?? 'child_process', fn: call.fn, images: names },
          evidence: program,
        });
      }
    }
  },
});

interface Image {
  file: string;
  baseImages: string[];
  packages: Set<string>;
  /** Every word of the RUN/COPY/ADD lines of the final image's stages: downloads, symlinks, copies. */
  words: Set<string>;
}

/** The Dockerfiles in the file's folder or the nearest ancestor folder that has any (release ones first). */
function imagesFor(dockerfiles: Array<ModelFile<DockerfileFacts>>, file: string): Image[] {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    // Development environment images (Dockerfile.dev, .gitpod.Dockerfile, .devcontainer/) do not run the service.
    const here = dockerfiles.filter((d) => path.dirname(d.path) === dir && !d.isTest && !/(^|\/)\.devcontainer\//.test(d.path));
    const release = here.filter((d) => !/(^|[.-])(dev|develop|development|gitpod|local|test|ci)([.-]|$)/i.test(path.basename(d.path)));
    if (release.length > 0) return release.map(describe);
    if (here.length > 0) return [];
    if (dir === '.' || dir === '/' || dir === '') return [];
  }
}

function describe(df: ModelFile<DockerfileFacts>): Image {
  const image: Image = { file: df.path, baseImages: [], packages: new Set(), words: new Set() };
  const final = df.facts.stages[df.facts.stages.length - 1];
  if (!final) return image;
  const seen = new Set<number>();
  const visit = (stage: DockerStage) => {
    for (const s of stageChain(df.facts, stage)) {
      if (seen.has(s.index)) continue;
      seen.add(s.index);
      if (!s.fromStage) image.baseImages.push((s.image.resolved ?? s.image.raw).toLowerCase());
      for (const run of runCommands(s)) {
        for (const p of systemPackagesInstalled(run.argv)) image.packages.add(p);
        for (const w of run.argv) addWords(image.words, w);
      }
      for (const ins of s.instructions) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        for (const w of ins.text.split(/\s+/)) addWords(image.words, w);
        const from = ins.flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        if (from) {
          const source = stageByName(df.facts, from, s.index);
          // Copied from an image, not a stage: `COPY --from=mwader/static-ffmpeg:6.1 /ffmpeg /usr/local/bin/`.
          if (source) visit(source);
          else image.baseImages.push(from.toLowerCase());
        }
      }
    }
  };
  visit(final);
  return image;
}

function addWords(words: Set<string>, w: string): void {
  for (const part of w.split(/[/=:@,;]/)) if (part) words.add(part.toLowerCase());
}

function provides(image: Image, program: string): boolean {
  const p = program.toLowerCase();
  if (image.packages.has(p) || (PROVIDED_BY[program] ?? []).some((pkg) => image.packages.has(pkg))) return true;
  // Versioned package names: postgresql16-client, python3.11, ffmpeg4.
  if ([...image.packages].some((pkg) => pkg.startsWith(p) || pkg.endsWith(`-${p}`))) return true;
  if (image.words.has(p)) return true;
  return image.baseImages.some((b) => b.split(/[/:@]/).some((part) => part.includes(p)));
}
