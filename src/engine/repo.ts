// Repository facts for the project model, from the git repository read as data (util/git-data.ts).

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RepoFacts } from '../model/project-model.js';
import { commonDir, findGitDirAndWorkTree, readGitTags, trackedUnder } from '../util/git-data.js';

export function readRepoFacts(root: string): RepoFacts {
  const found = findGitDirAndWorkTree(root);
  if (!found) {
    const other = findOtherVcs(root);
    return other ? { isGitRepo: false, otherVcs: other } : { isGitRepo: false };
  }
  const { gitDir } = found;
  const common = commonDir(gitDir);
  const facts: RepoFacts = { isGitRepo: true, tags: readGitTags(common), shallow: existsSync(path.join(common, 'shallow')) };
  const tracked = trackedUnder(root, found);
  if (tracked) facts.trackedFiles = tracked;
  return facts;
}

function findOtherVcs(root: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    for (const name of ['.hg', '.svn', '.fossil', '_darcs', '.pijul', '.jj']) {
      if (existsSync(path.join(dir, name))) return name;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
