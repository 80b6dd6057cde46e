import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';

const commandsOf = (text: string) =>
  parseDockerfile(text)
    .stages.flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'RUN')
    .map((i) => ({ flags: i.flags, commands: (i.commands ?? []).map((c) => `${c.lineOffset}: ${c.argv.join(' ')}`) }));

describe('parseDockerfile: RUN flags before the command', () => {
  it('takes BuildKit flags off the command on the first line and on continuation lines of their own (lemmy-ui)', () => {
    const text = ['FROM node:20.11.1-slim', 'RUN --mount=type=cache,target=/root/.npm npm ci', 'RUN \\', '  --mount=type=cache,id=pnpm,target=/pnpm/store \\', '  --mount=type=secret,id=npmrc \\', '  pnpm i && pnpm build', ''].join('\n');
    expect(commandsOf(text)).toEqual([
      { flags: ['--mount=type=cache,target=/root/.npm'], commands: ['0: npm ci'] },
      { flags: ['--mount=type=cache,id=pnpm,target=/pnpm/store', '--mount=type=secret,id=npmrc'], commands: ['3: pnpm i', '3: pnpm build'] },
    ]);
  });
  it('near miss: a `--` word after the command starts is an argument', () => {
    const text = ['FROM node:20.11.1-slim', 'RUN npm ci \\', '  --omit=dev', ''].join('\n');
    expect(commandsOf(text)).toEqual([{ flags: [], commands: ['0: npm ci --omit=dev'] }]);
  });
});

describe('parseDockerfile: COPY and ADD in JSON form', () => {
  it('keeps their words, spaces in paths included (planka, novu)', () => {
    const text = ['FROM node:20.11.1-slim', 'COPY --chown=node:node ["LICENSES/Community License.md", "LICENSE.md"]', 'ADD ["a.tgz", "b.tgz", "/opt/"]', ''].join('\n');
    const copies = parseDockerfile(text).stages[0]!.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    expect(copies.map((i) => i.execForm)).toEqual([['LICENSES/Community License.md', 'LICENSE.md'], ['a.tgz', 'b.tgz', '/opt/']]);
  });
  it('near miss: the shell form has none', () => {
    const text = ['FROM node:20.11.1-slim', 'COPY package.json ./', ''].join('\n');
    expect(parseDockerfile(text).stages[0]!.instructions[0]!.execForm).toBeUndefined();
  });
});
