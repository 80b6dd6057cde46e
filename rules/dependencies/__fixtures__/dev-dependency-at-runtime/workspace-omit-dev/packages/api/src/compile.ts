// Only the `docsign compile` command needs the compiler; users of that command install it.
export function compileTemplates(source: string): string {
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(source, {}).outputText;
}
