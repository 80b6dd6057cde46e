// A visitor over an ESTree tree: the imported names are used as types only, so TypeScript drops the
// import. The visitor's own methods and a class field merely share their names.
import { Identifier, Literal } from 'estree';
import { MemberExpression } from 'estree-walker';

type Visitor = { Identifier(node: Identifier): string; Literal: (node: Literal) => string };

export const visitor: Visitor = {
  Identifier({ name }: Identifier) {
    return name;
  },
  Literal: (node: Literal) => String(node.value),
};

export class Rewriter {
  Literal = 0;
  Identifier(): string {
    return 'rewritten';
  }
}

// A value use beside a same-named method: still an import at run time.
export const walkers = { MemberExpression, run: () => MemberExpression };
