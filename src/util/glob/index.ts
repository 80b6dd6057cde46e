// The one glob module. Globs come from four places, each with its own meaning, and each is named
// here; nothing else in the tool matches globs. Every matcher is linear or polynomial whatever the
// pattern (no regular expression is built from one): a glob read from the scanned tree is hostile
// (test/hostile/regex-safety.test.ts and gitignore.test.ts hold them to it).
//
// - gitignore (gitignore.ts): exactly git's dir.c and wildmatch.c, checked against `git check-ignore`;
// - config (config.ts): `ignore`, `overrides[].files`, `environments`, `entrypoints` of the config
//   file; gitignore-like anchoring (a pattern without a slash matches a name at any depth), a
//   matched folder covers its contents, `{a,b}` and `[a-z]`;
// - workspace (paths.ts): package.json `workspaces` and pnpm-workspace.yaml, the whole path, `**`
//   spans folders;
// - dockerignore (paths.ts): Docker's rules, later patterns win, `!` re-includes, a folder covers
//   its contents;
// - tsconfig exclude (paths.ts): the whole path from the tsconfig's folder, `**` spans folders, a
//   folder covers its contents;
// - script names (paths.ts): `build:*` of npm-run-all, `*` stops at `:`.
// - Dockerfile COPY sources (paths.ts pathGlobMatches on one name): `COPY server/package*.json ./`.

export { isIgnored as isGitIgnored, isReincluded as isGitReincluded, parseGitignore, wildmatch, type IgnoreLayer, type IgnoreRule } from './gitignore.js';
export { expandBraces, matchAny as matchAnyConfigGlob, matchGlob as matchConfigGlob, rebaseGlob as rebaseConfigGlob } from './config.js';
export { isDockerIgnored, isTsconfigExcluded, matchesWorkspaceGlob, pathGlobMatches, wildcardMatches as scriptNameMatches } from './paths.js';
