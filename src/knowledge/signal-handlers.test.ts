import { describe, expect, it } from 'vitest';
import { factsOf } from '../testing/knowledge-probe.js';

const does = (code: string) => factsOf(code).signalHandlers.map((h) => h.does);

describe('what a SIGTERM handler does', () => {
  it('only logs', () => {
    expect(does(`process.on('SIGTERM', () => console.log('got SIGTERM at', new Date().toISOString()));`)).toEqual(['logs-only']);
    expect(does(`process.on('SIGTERM', function () {\n  logger.warn('SIGTERM received');\n  this.logger.info('bye');\n});`)).toEqual(['logs-only']);
  });
  it('does nothing', () => {
    expect(does(`process.on('SIGTERM', () => {});`)).toEqual(['nothing']);
  });
  it('exits, also from a timer or by throwing', () => {
    expect(does(`process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });`)).toEqual(['exits']);
    expect(does(`process.once('SIGTERM', () => { setTimeout(() => process.exit(1), 10_000); });`)).toEqual(['exits']);
  });
  it('closes something', () => {
    expect(does(`process.on('SIGTERM', () => { logger.info('closing'); server.close(); });`)).toEqual(['closes']);
    expect(does(`process.on('SIGTERM', async () => { await prisma.$disconnect(); });`)).toEqual(['closes']);
  });
  it('delegates: a function of its own, a named handler, a flag', () => {
    expect(does(`process.on('SIGTERM', () => stopEverything('SIGTERM'));`)).toEqual(['delegates']);
    // A function named like a close (shutdown, stop) counts as closing.
    expect(does(`process.on('SIGTERM', () => shutdown('SIGTERM'));`)).toEqual(['closes']);
    expect(does(`import { onStop } from './stop';\nprocess.on('SIGTERM', onStop);`)).toEqual(['delegates']);
    expect(does(`let stopping = false;\nprocess.on('SIGTERM', () => { stopping = true; });`)).toEqual(['delegates']);
  });
  it('a module-level function passed by name is read', () => {
    expect(does(`function onTerm() { console.info('SIGTERM'); }\nprocess.on('SIGTERM', onTerm);`)).toEqual(['logs-only']);
    expect(does(`const onTerm = () => { server.close(); };\nprocess.on('SIGTERM', onTerm);`)).toEqual(['closes']);
  });
});

describe('signals handled through a helper of the code itself', () => {
  it('a handler for a signal the caller names, and a caller naming SIGTERM, are facts of their files', () => {
    const helper = factsOf(`export function onSignals(...signals) {\n  for (const s of signals) process.once(s, () => process.exit(0));\n}`);
    expect([helper.signalsByVariable, helper.passesSigterm]).toEqual([true, undefined]);
    expect(factsOf(`import { onSignals } from './shutdown';\nonSignals('SIGINT', 'SIGTERM');`).passesSigterm).toBe(true);
  });
  it('near misses: sending SIGTERM, handling it by name, or a helper that names it itself', () => {
    expect(factsOf(`process.kill(pid, 'SIGTERM');`).passesSigterm).toBeUndefined();
    expect(factsOf(`child.kill('SIGTERM');`).passesSigterm).toBeUndefined();
    expect(factsOf(`process.on('SIGTERM', () => server.close());`).passesSigterm).toBeUndefined();
    const own = factsOf(`for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.close());`);
    expect([own.signalsByVariable, own.signalHandlers.map((h) => h.signal)]).toEqual([undefined, ['SIGTERM']]);
  });
});
