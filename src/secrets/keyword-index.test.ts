import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.js';
import { KNOWN_FORMATS } from './detect.js';

describe('KeywordIndex.occursIn', () => {
  const texts = ['', 'pino-roll', 'xpinox', 'a.b (x) [y] $z w\\', 'aXb', 'inopino', 'a'.repeat(1000) + 'ino', 'TASK_QUEUE', 'ghp_', 'no keyword at all here'];
  const keywordSets: string[][] = [['pino'], ['pino-roll', 'ino'], ['a.b', '(x)', '[y]', '$z', 'w\\'], [], [''], KNOWN_FORMATS.flatMap((f) => f.keywords)];

  it('says whether collect() finds any keyword, for every text and set of keywords', () => {
    for (const keywords of keywordSets) {
      const index = new KeywordIndex(keywords.map((k) => [k, k] as const));
      for (const text of texts) expect(index.occursIn(text), `${JSON.stringify(keywords)} in ${JSON.stringify(text.slice(0, 40))}`).toBe(index.collect(text).size > 0);
    }
  });
});
