// Typed message ids: a rule with `messages` reports by id, tsc refuses an id the record does not
// have (the @ts-expect-error lines below fail `npm run typecheck` if that check ever goes away), and
// the engine fills `{{name}}` placeholders from `data`.

import { describe, expect, it } from 'vitest';
import { defineRule, reportMessage } from './types.js';
import localDisk from '../../rules/processes/local-disk-persistence.js';

describe('rule messages', () => {
  it('are checked by tsc: a report names a message id of the rule, or writes its message out', () => {
    const rule = defineRule({
      id: 'config/typed',
      factor: 'config',
      severity: 'info',
      docs: { description: 'd', remediation: 'r' },
      messages: { found: 'found {{what}}', plain: 'plain' },
      create: () => ({
        env(_facts, ctx) {
          ctx.report({ messageId: 'found', data: { what: 'x' } });
          ctx.report({ messageId: 'plain' });
          ctx.report({ message: 'written out' });
          // @ts-expect-error: not a message id of this rule
          ctx.report({ messageId: 'missing' });
        },
      }),
      checkProject(_model, ctx) {
        // @ts-expect-error: not a message id of this rule
        ctx.report({ loc: { file: 'a', line: 1, column: 1 }, messageId: 'founds' });
      },
    });
    expect(rule.id).toBe('config/typed');
    defineRule({
      id: 'config/untyped',
      factor: 'config',
      severity: 'info',
      docs: { description: 'd', remediation: 'r' },
      create: () => ({
        env(_facts, ctx) {
          // @ts-expect-error: a rule without messages has no ids
          ctx.report({ messageId: 'found' });
        },
      }),
    });
  });

  it('fill placeholders from data, once (a value that looks like a placeholder stays as it is)', () => {
    const rule = { id: 'config/typed', messages: { found: '{{a}} and {{ b }}, {{missing}}' } };
    expect(reportMessage(rule, { messageId: 'found', data: { a: '{{b}}', b: 2 } })).toBe('{{b}} and 2, {{missing}}');
    expect(reportMessage(rule, { message: 'as written' })).toBe('as written');
    expect(() => reportMessage(rule, { messageId: 'toString' })).toThrow('unknown messageId "toString"');
  });

  it('give the converted rules the messages they wrote out before', () => {
    const messages = (localDisk as { messages?: Record<string, string> }).messages!;
    expect(reportMessage(localDisk, { messageId: 'sqliteFile', data: { file: ' (data/shop.sqlite)' } })).toBe(
      'SQLite database in a file of the local disk (data/shop.sqlite): its data lives on this one machine, is lost with the container and cannot be shared by another process.',
    );
    expect(Object.keys(messages).sort()).toEqual(['fileDatastore', 'lowdb', 'multerDest', 'multerDiskStorage', 'sqliteConfig', 'sqliteFile']);
  });
});
