// Every import() of a module named at run time (a rule module for the worker pool, a --plugin) goes
// through here. The CLI bundle (scripts/bundle-cli.mjs) runs as a classic script through node:vm,
// where a bare import() needs an experimental flag: the bundle replaces this function with the
// import() of bin/twelve-factor-audit.js, an ES module.

/** import() of an absolute file: URL. */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}
