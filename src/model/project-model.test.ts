import path from 'node:path/posix';
import { describe, expect, it } from 'vitest';
import { joinRelative } from './project-model.js';

describe('joinRelative', () => {
  it('gives what path.normalize(path.join()) gives, for every folder and relative specifier', () => {
    const dirs = ['.', 'a', 'a/b', 'a/b/c', 'x/.y', '.hidden', '..', '../a', '/abs', '/abs/b', 'a/b/', '', 'a/./b', 'a//b', 'a/..', './a'];
    const segments = ['.', '..', 'a', 'bb', '.x', '', 'c.js', '...'];
    const specifiers = new Set<string>(['.', '..', './', '../', './a', '../a', '../../a', '../../../../a', './a/', './a//b', './a/./b', './a/../b', './.x', '..x', '.x/y', './a/..', './a/.']);
    // Every specifier of up to three segments after `./` or `../`.
    for (const head of ['./', '../', '../../']) {
      for (const s1 of segments) {
        specifiers.add(head + s1);
        for (const s2 of segments) {
          specifiers.add(`${head}${s1}/${s2}`);
          for (const s3 of segments) specifiers.add(`${head}${s1}/${s2}/${s3}`);
        }
      }
    }
    let compared = 0;
    for (const dir of dirs) {
      for (const specifier of specifiers) {
        expect(joinRelative(dir, specifier), `${dir} + ${specifier}`).toBe(path.normalize(path.join(dir, specifier)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('joins the common cases without a `.` segment left', () => {
    expect(joinRelative('services/api/src', './routes/users.js')).toBe('services/api/src/routes/users.js');
    expect(joinRelative('services/api/src/routes', '../db')).toBe('services/api/src/db');
    expect(joinRelative('src', '../../lib/x')).toBe('../lib/x');
    expect(joinRelative('.', './a')).toBe('a');
  });
});
