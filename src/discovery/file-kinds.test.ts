// The file-kind table (file-kinds.ts) is the only place that knows the kinds of file: these tests
// check that every consumer answers through it, so that a new kind is a parser, a facts type and one
// row, and that a rule's targets derived from its visitors are what the hand-written lists said.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { classify, FACT_KINDS, kindsOfTarget, type FactKind, NAME_KINDS, ruleTargets, TARGETS, visitorTargets, visitorsOfKind, type CandidateKind } from './file-kinds.js';
import { analyzeFile } from '../engine/per-file.js';
import { scanDirectives } from '../engine/suppressions.js';
import { defineRule, type PerFileVisitors, type Target } from '../rule-api/types.js';
import type { FileKind } from '../parsing/facts.js';

/**
 * Every built-in rule's hand-written `targets` as they were before targets were derived. A rule whose
 * list equals what its visitors and project phase give no longer writes it.
 */
const TARGETS_BEFORE_DERIVATION: Record<string, Target[]> = {
  'admin-processes/admin-http-endpoint': ['ts'],
  'admin-processes/migration-on-boot': ['ts', 'dockerfile', 'compose', 'k8s', 'xf'],
  'admin-processes/release-mismatch': ['k8s', 'xf'],
  'backing-services/hardcoded-credentials-in-url': ['dockerfile', 'compose', 'k8s', 'env'],
  'backing-services/hardcoded-service-url': ['ts', 'prisma'],
  'build-release-run/build-at-runtime': ['dockerfile', 'compose', 'k8s', 'procfile', 'package-json', 'xf'],
  'build-release-run/dev-server-in-release': ['dockerfile', 'compose', 'k8s', 'procfile', 'package-json', 'xf'],
  'build-release-run/floating-image-tag': ['dockerfile', 'compose', 'k8s'],
  'build-release-run/image-not-digest-pinned': ['dockerfile', 'compose', 'k8s'],
  'build-release-run/mutable-release-source': ['dockerfile'],
  'build-release-run/source-bind-mount': ['compose', 'k8s'],
  'build-release-run/unpinned-image': ['dockerfile', 'compose', 'k8s'],
  'codebase/cross-app-source-import': ['ts', 'repo'],
  'codebase/no-release-tags': ['repo'],
  'codebase/not-version-controlled': ['repo'],
  'concurrency/daemonized-process': ['xf', 'dockerfile', 'compose', 'k8s', 'package-json', 'procfile', 'ts'],
  'concurrency/in-process-cluster': ['ts', 'json-yaml', 'xf'],
  'concurrency/multiple-processes-per-container': ['xf', 'dockerfile', 'compose', 'k8s', 'package-json', 'procfile', 'ts'],
  'concurrency/pid-file': ['ts', 'dockerfile', 'package-json', 'procfile'],
  'config/committed-env-file': ['repo', 'env'],
  'config/default-secret-fallback': ['ts'],
  'config/env-file-in-image': ['dockerfile', 'env', 'xf'],
  'config/hardcoded-secret': ['ts', 'dockerfile', 'compose', 'k8s', 'env', 'json-yaml', 'package-json'],
  'config/literal-secret-env': ['k8s', 'compose'],
  'config/per-environment-config': ['ts', 'json-yaml', 'repo'],
  'config/secret-in-image': ['dockerfile'],
  'config/undeclared-env-var': ['ts', 'env', 'compose', 'k8s', 'dockerfile', 'procfile', 'xf'],
  'config/unused-env-var': ['env', 'compose', 'ts', 'xf'],
  'dependencies/dev-dependency-at-runtime': ['ts', 'package-json', 'dockerfile', 'xf'],
  'dependencies/lockfile-out-of-sync': ['package-json'],
  'dependencies/missing-lockfile': ['package-json'],
  'dependencies/non-deterministic-install': ['dockerfile'],
  'dependencies/remote-script-pipe': ['dockerfile'],
  'dependencies/undeclared-import': ['ts', 'package-json'],
  'dependencies/undeclared-system-tool': ['ts', 'dockerfile', 'xf'],
  'dependencies/unpinned-dependency': ['package-json'],
  'dependencies/unpinned-global-install': ['dockerfile'],
  'dev-prod-parity/backing-service-version-drift': ['xf', 'compose', 'k8s'],
  'dev-prod-parity/divergent-backing-service': ['xf', 'ts', 'compose', 'k8s', 'env', 'json-yaml'],
  'dev-prod-parity/environment-branching': ['ts'],
  'disposability/abrupt-exit-on-signal': ['ts'],
  'disposability/auto-ack-consumer': ['ts'],
  'disposability/missing-probes': ['k8s'],
  'disposability/missing-sigterm-handler': ['ts', 'xf'],
  'disposability/signal-swallowing-entrypoint': ['xf', 'dockerfile', 'compose', 'k8s'],
  'disposability/swallowed-fatal-error': ['ts', 'xf'],
  'disposability/zero-grace-period': ['k8s', 'xf'],
  'logs/file-logging': ['ts', 'json-yaml'],
  'logs/log-rotation': ['ts', 'dockerfile'],
  'logs/log-volume': ['dockerfile', 'compose', 'k8s'],
  'logs/unstructured-logging': ['ts', 'xf'],
  'port-binding/hardcoded-port': ['ts'],
  'port-binding/missing-port-binding': ['xf', 'ts', 'compose', 'k8s'],
  'port-binding/port-mismatch': ['xf', 'ts', 'dockerfile', 'compose', 'k8s'],
  'processes/in-memory-session-store': ['ts'],
  'processes/local-disk-persistence': ['ts'],
  'processes/module-level-mutable-state': ['ts'],
  'processes/sticky-sessions': ['k8s'],
};

/** One file of each kind, by name and content; the content picks the refined kind of YAML. */
const SAMPLES: Array<{ path: string; text: string; name: CandidateKind; fact: FileKind | 'ts' }> = [
  { path: 'package-lock.json', text: '{"lockfileVersion":3,"packages":{}}', name: 'lockfile', fact: 'lockfile' },
  { path: 'package.json', text: '{"name":"a"}', name: 'package-json', fact: 'package-json' },
  { path: 'tsconfig.build.json', text: '{}', name: 'tsconfig', fact: 'tsconfig' },
  { path: 'Containerfile', text: 'FROM node:20\n', name: 'dockerfile', fact: 'dockerfile' },
  { path: 'src/a.ts', text: 'export {};\n', name: 'ts', fact: 'ts' },
  { path: '.env', text: 'A=1\n', name: 'env', fact: 'env' },
  { path: 'Procfile', text: 'web: node a.js\n', name: 'procfile', fact: 'procfile' },
  { path: '.npmrc', text: 'save-exact=true\n', name: 'npmrc', fact: 'npmrc' },
  { path: '.dockerignore', text: 'node_modules\n', name: 'dockerignore', fact: 'dockerignore' },
  { path: 'run.sh', text: 'node a.js\n', name: 'shell', fact: 'shell' },
  { path: 'prisma/schema.prisma', text: 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n', name: 'prisma', fact: 'prisma' },
  { path: 'compose.yaml', text: 'services:\n  web:\n    image: node:20\n', name: 'yaml', fact: 'compose' },
  { path: 'k8s/app.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n', name: 'yaml', fact: 'k8s' },
  { path: 'chart/templates/a.yaml', text: 'name: {{ .Values.a }}\n', name: 'yaml', fact: 'helm-template' },
  { path: 'config/app.yaml', text: 'a: 1\n', name: 'yaml', fact: 'structured' },
  { path: 'config/app.json', text: '{"a": 1}', name: 'json', fact: 'structured' },
  { path: 'docker-bake.hcl', text: 'target "api" {\n  dockerfile = "Dockerfile"\n}\n', name: 'docker-bake', fact: 'docker-bake' },
  { path: 'README.md', text: '# Acme Examples\n', name: 'readme', fact: 'readme' },
];

describe('the file-kind table', () => {
  it('has a sample of every row, and each sample is classified and parsed to its kind', () => {
    expect(new Set(SAMPLES.map((s) => s.name))).toEqual(new Set(Object.keys(NAME_KINDS)));
    expect(new Set(SAMPLES.map((s) => s.fact).filter((k) => k !== 'ts'))).toEqual(new Set(Object.keys(FACT_KINDS).filter((k) => k !== 'ts')));
    for (const s of SAMPLES) {
      expect(classify(s.path), s.path).toBe(s.name);
      const parsed = NAME_KINDS[s.name].parse(s.text, s.path, path.posix.basename(s.path));
      expect(parsed === 'ts' ? 'ts' : parsed?.kind, s.path).toBe(s.fact);
    }
  });

  it('calls the visitors its row names for each parsed kind, and no other', () => {
    const keys = [...new Set((Object.values(FACT_KINDS) as FactKind[]).flatMap((k) => (k.visitor && k.visitor !== 'ts' ? [k.visitor] : [])))];
    for (const s of SAMPLES.filter((x) => x.fact !== 'ts')) {
      const called: string[] = [];
      const visitors = Object.fromEntries(keys.map((k) => [k, () => void called.push(k)])) as PerFileVisitors;
      const rule = defineRule({ id: 'codebase/probe', factor: 'codebase', severity: 'info', docs: { description: 'd', remediation: 'r' }, create: () => visitors });
      analyzeFile({ path: s.path, kind: s.name, text: s.text, isTest: false }, [{ rule, severity: 'info', options: {} }]);
      expect(called, s.path).toEqual(visitorsOfKind(s.fact as FileKind));
    }
  });

  it('scans inline directives in the comment syntax of the row', () => {
    for (const s of SAMPLES) {
      const syntax = NAME_KINDS[s.name].comment;
      const slash = scanDirectives('// twelve-factor-disable-line config/x\n', s.name).length;
      const hash = scanDirectives('# twelve-factor-disable-line config/x\n', s.name).length;
      expect([slash, hash], s.path).toEqual([syntax === 'slash' ? 1 : 0, syntax === 'hash' ? 1 : 0]);
    }
  });

  it('gives every target the kinds that count for it, and every kind but the model-only ones a target', () => {
    for (const t of TARGETS) if (t !== 'repo' && t !== 'xf') expect(kindsOfTarget(t).length, t).toBeGreaterThan(0);
    expect(kindsOfTarget('k8s')).toEqual(['k8s', 'helm-template']);
    expect(kindsOfTarget('json-yaml')).toEqual(['structured', 'tsconfig']);
    expect(TARGETS).toEqual(['ts', 'dockerfile', 'compose', 'k8s', 'package-json', 'env', 'procfile', 'json-yaml', 'prisma', 'repo', 'xf']);
  });

  it('is the only kind table: no other source file maps kinds to labels, visitors or comment syntax', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('file-kinds.ts')) {
          // A record keyed by kind ids (`'helm-template': …`, `'package-json': …`) is a second table.
          if (/'helm-template'\s*:|'package-json'\s*:|\bpackageJson\s*:\s*\[/.test(readFileSync(p, 'utf8'))) offenders.push(p);
        }
      }
    };
    walk(path.join(import.meta.dirname, '..'));
    expect(offenders).toEqual([]);
  });
});

describe('derived rule targets', () => {
  it('are, for every built-in rule, the hand-written list plus `xf` where the rule has a project phase', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(TARGETS_BEFORE_DERIVATION).sort());
    for (const rule of rules) {
      const before = TARGETS_BEFORE_DERIVATION[rule.id]!;
      const expected = new Set([...before, ...(rule.checkProject ? (['xf'] as const) : [])]);
      expect(new Set(ruleTargets(rule)), rule.id).toEqual(expected);
    }
  });

  it('need no hand-written list where the visitors and the project phase say it all', () => {
    for (const rule of rules) {
      if (rule.targets !== undefined) continue;
      const derived = [...visitorTargets(rule), ...(rule.checkProject ? ['xf'] : [])];
      expect(new Set(derived), rule.id).toEqual(new Set(TARGETS_BEFORE_DERIVATION[rule.id]));
    }
  });

  it('include what a plugin declares and what its visitors read', () => {
    const rule = defineRule({ id: 'config/p', factor: 'config', severity: 'info', targets: ['repo'], docs: { description: 'd', remediation: 'r' }, create: () => ({ packageJson: () => {}, structured: () => {} }), checkProject: () => {} });
    expect(ruleTargets(rule)).toEqual(['repo', 'package-json', 'json-yaml', 'xf']);
  });
});
