import { describe, expect, it } from 'vitest';
import { bakeTargetsFromJson, parseDockerBakeHcl } from './docker-bake.js';
import { parseStructured } from './structured.js';

describe('docker-bake.hcl', () => {
  it('reads the target blocks: dockerfile, target, context, args, tags, inherits, with plain variable defaults', () => {
    const text = [
      '# comment',
      'variable "TAG" {',
      '  default = "1.2"',
      '}',
      'variable "NODE" { default = "22-alpine" }',
      'group "default" {',
      '  targets = ["api", "worker"]',
      '}',
      '// the API',
      'target "api" {',
      '  context    = "."',
      '  dockerfile = "apps/api/Dockerfile"',
      '  target     = "runner"',
      '  args = {',
      '    NODE_VERSION = NODE',
      '    "component"  = "api-${TAG}"',
      '    STAMP        = timestamp()',
      '    NESTED       = { inner = "x" }',
      '  }',
      '  tags = ["acme/api:${TAG}", "acme/api:latest"]',
      '}',
      '/* a block',
      '   comment */',
      'target "worker" {',
      '  inherits = ["api"]',
      '  target = "worker"',
      '  platforms = ["linux/amd64"]',
      '  labels = { "a" = "b" }',
      '  tags = [format("acme/worker:%s", TAG)]',
      '}',
      '',
    ].join('\n');
    const facts = parseDockerBakeHcl(text);
    expect(facts.targets).toEqual([
      { name: 'api', line: 10, column: 1, context: '.', dockerfile: 'apps/api/Dockerfile', target: 'runner', args: { NODE_VERSION: '22-alpine', component: 'api-1.2' }, tags: ['acme/api:1.2', 'acme/api:latest'], inherits: [] },
      { name: 'worker', line: 24, column: 1, target: 'worker', args: {}, tags: [], inherits: ['api'] },
    ]);
  });

  it('leaves out what it cannot know: a function, an unknown variable, a conditional, a heredoc', () => {
    const text = ['target "x" {', '  dockerfile = "${DIR}/Dockerfile"', '  target = BRANCH == "main" ? "prod" : "dev"', '  context = <<EOT', 'not.read', 'EOT', '  tags = ["a/b"]', '}', ''].join('\n');
    expect(parseDockerBakeHcl(text).targets).toEqual([{ name: 'x', line: 1, column: 1, args: {}, tags: ['a/b'], inherits: [] }]);
  });

  it('does not throw or hang on broken or hostile input', () => {
    for (const text of ['target "x" {', 'target "x" { a = [ { ( ', '"unterminated', '}}}}]]]', 'target "x" ' + '{'.repeat(50_000), 'variable "a" { default = "${a}" }\ntarget "t" { target = "${a}" }']) {
      expect(() => parseDockerBakeHcl(text)).not.toThrow();
    }
    const deep = parseDockerBakeHcl(`${'x = ['.repeat(20_000)}\ntarget "t" { target = "s" }`);
    expect(Array.isArray(deep.targets)).toBe(true);
  });
});

describe('docker-bake.json', () => {
  it('reads the same fields from the JSON form', () => {
    const doc = parseStructured('{"variable": {"TAG": {"default": "2"}}, "target": {"api": {"dockerfile": "Dockerfile", "target": "prod", "args": {"A": "${TAG}"}, "tags": ["acme/api:${TAG}"]}}}')[0]!;
    expect(bakeTargetsFromJson(doc.value, doc.positions)).toEqual([{ name: 'api', line: 1, column: 52, dockerfile: 'Dockerfile', target: 'prod', args: { A: '2' }, tags: ['acme/api:2'], inherits: [] }]);
  });
});
