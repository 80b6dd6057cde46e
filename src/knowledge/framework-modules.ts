// Modules a framework resolves itself, for the code it builds: importing them needs no declaration
// in the package.json, as long as that package depends on the framework. dependencies/undeclared-import
// reads this table; adding one is an entry here and an example in its fixtures.

export interface FrameworkModules {
  /** The framework's package, as a package.json declares it. */
  framework: string;
  /** Bare specifiers its compiler resolves to its own bundled copies. */
  modules: string[];
  why: string;
}

export const FRAMEWORK_MODULES: FrameworkModules[] = [
  {
    framework: 'next',
    modules: ['server-only', 'client-only'],
    why: "Next.js aliases these marker modules to the copies it ships (next/dist/compiled), so an app's `import 'server-only'` resolves without installing them",
  },
];

/** The framework, among `declared`, that provides `name` to the code it builds. */
export function frameworkProviding(name: string, declared: (pkg: string) => boolean): string | undefined {
  for (const f of FRAMEWORK_MODULES) if (f.modules.includes(name) && declared(f.framework)) return f.framework;
  return undefined;
}
