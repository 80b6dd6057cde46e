// Only the `sign compile` command needs the compiler; users of that command install it.
export async function compileTemplates(source: string): Promise<string> {
  const ts = await import('typescript');
  return ts.transpileModule(source, {}).outputText;
}
