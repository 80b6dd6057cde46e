import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { DockerInstruction } from '../../src/parsing/facts.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { isEnvTemplate } from '../../src/parsing/env-file.js';
import { isUnder, joinDir } from '../../src/model/packages.js';
import { isDockerIgnored } from '../../src/util/glob/index.js';
import { dockerBuilds } from '../../src/model/docker-builds.js';

const ENV_NAME = /^\.env(\..+)?$|\.env$/i;

const messages = {
  copiesEnvFile: '{{keyword}} puts {{files}} into the image: its config (and secrets) ship with every copy of the image, whatever the environment.',
  copiesContext: '{{keyword}} {{text}} copies the whole build context, which holds {{files}}, and no .dockerignore excludes {{them}}.',
  copiesTemplateAsEnv: '{{keyword}} copies the template {{files}} to {{destination}} in the image: the app loads it as its config, so every copy of the image starts with the template\'s values (its default secrets too), whatever the environment.',
};

export default defineRule({
  id: 'config/env-file-in-image',
  factor: 'config',
  severity: 'error',
  // Off by default: 1 true, 6 false, 5 debatable of 12 judged on the accuracy corpus (docs/accuracy.md):
  // most false ones are a `COPY . .` in a builder stage whose files never reach the released image.
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  targets: ['dockerfile', 'env', 'xf'],
  docs: {
    description: 'COPY/ADD of a .env file into an image, or `COPY . .` while a .env with values sits in the build context and no .dockerignore excludes it',
    remediation: 'Do not copy .env files into images: add `.env*` (and `!.env.example`) to .dockerignore, copy only what the build needs, and give the container its config from the environment at run time.',
  },
  messages,
  checkProject(model, ctx) {
    // The build contexts each Dockerfile is built with (compose, bake, CI); its own folder when none says.
    const contextsOf = new Map<string, string[]>();
    for (const build of dockerBuilds(model)) {
      if (build.context.startsWith('..')) continue;
      const list = contextsOf.get(build.dockerfile);
      if (!list) contextsOf.set(build.dockerfile, [build.context]);
      else if (!list.includes(build.context)) list.push(build.context);
    }
    const withValues = model.ofKind('env').filter((f) => !f.facts.isTemplate && f.facts.entries.some((e) => e.value !== ''));
    for (const df of model.ofKind('dockerfile')) {
      const envFiles = [
        ...new Set(
          (contextsOf.get(df.path) ?? [path.dirname(df.path)]).flatMap((contextDir) => {
            const ignore = ignorePatterns(model, df.path, contextDir);
            // Matched against .dockerignore by its path in the context, named by its path in the
            // repository (the same file read `.env.development` for one Dockerfile and
            // `apps/api/.env.development` for its sibling built from the root: refly).
            return withValues
              .filter((f) => isUnder(f.path, contextDir))
              .filter((f) => !isDockerIgnored(contextDir === '.' ? f.path : f.path.slice(contextDir.length + 1), ignore))
              .map((f) => f.path);
          }),
        ),
      ].sort();
      for (const stage of df.facts.stages) {
        for (const ins of stage.instructions) {
          if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
          if (ins.flags.some((f) => f.startsWith('--from='))) continue;
          const { sources, destination } = copyArguments(ins);
          const named = sources.filter((s) => ENV_NAME.test(path.basename(s)) && !isEnvTemplate(path.basename(s)));
          // `COPY .env.example ./.env`: the template becomes the live file a dotenv loader reads.
          const templates = sources.filter((s) => isEnvTemplate(path.basename(s)));
          const live = destination !== undefined && !destination.endsWith('/') && ENV_NAME.test(path.basename(destination)) && !isEnvTemplate(path.basename(destination));
          if (named.length === 0 && templates.length === 1 && sources.length === 1 && live) {
            ctx.report({
              loc: { file: df.path, line: ins.line, column: ins.column },
              messageId: 'copiesTemplateAsEnv',
              data: { keyword: ins.keyword, files: templates[0]!, destination: destination! },
              evidence: `${ins.keyword} ${ins.text}`,
            });
            continue;
          }
          if (named.length > 0) {
            ctx.report({
              loc: { file: df.path, line: ins.line, column: ins.column },
              messageId: 'copiesEnvFile',
              data: { keyword: ins.keyword, files: named.join(', ') },
              evidence: `${ins.keyword} ${ins.text}`,
            });
            continue;
          }
          const wholeContext = sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
          if (wholeContext && envFiles.length > 0) {
            ctx.report({
              loc: { file: df.path, line: ins.line, column: ins.column },
              messageId: 'copiesContext',
              data: { keyword: ins.keyword, text: ins.text, files: envFiles.join(', '), them: envFiles.length > 1 ? 'them' : 'it' },
              evidence: `${ins.keyword} ${ins.text}`,
              severity: 'warning',
            });
          }
        }
      }
    }
  },
});

/** Sources and destination of a COPY/ADD (the destination is the last word), shell or JSON form. */
function copyArguments(ins: DockerInstruction): { sources: string[]; destination: string | undefined } {
  const words = (ins.execForm ?? ins.text.split(/\s+/).filter(Boolean)).map((w) => w.replace(/^"|"$/g, ''));
  return { sources: words.slice(0, -1), destination: words.length > 1 ? words[words.length - 1] : undefined };
}

/** `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's .dockerignore. */
function ignorePatterns(model: ProjectModel, dockerfile: string, contextDir: string): string[] {
  for (const candidate of [`${dockerfile}.dockerignore`, joinDir(contextDir, '.dockerignore')]) {
    const f = model.files.get(candidate)?.facts;
    if (f?.kind === 'dockerignore') return f.patterns;
  }
  return [];
}
