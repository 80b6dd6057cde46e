import rule from './unpinned-global-install.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // template-variants: Dockerfile.pnpm beside Dockerfile.bun, one template's variants, nothing builds them.
  valid: ['pinned', 'template-variants'],
  invalid: [
    {
      // The root Dockerfile's header says it is for development only: not judged. The release
      // image's header mentions local development without saying so of itself: judged.
      fixture: 'dev-only-by-header',
      errors: [{ file: 'distribution/Dockerfile.release', line: 3, severity: 'warning', message: 'Global install of pnpm has no version' }],
    },
    {
      // Dockerfile.server has its production variant beside it: the development image, not judged.
      // The variant, and Dockerfile.client with none, are images.
      fixture: 'production-variant-beside',
      errors: [
        { file: 'Dockerfile.client', line: 4, severity: 'warning', message: 'Global install of serve has no version' },
        { file: 'Dockerfile.server.production', line: 3, severity: 'warning', message: 'Global install of pnpm has no version' },
      ],
    },
    {
      // The same variant, built and pushed by the release workflow: the released image.
      fixture: 'template-variant-pushed',
      errors: [{ file: 'Dockerfile.pnpm', line: 2, severity: 'warning', message: 'Global install of pnpm has no version' }],
    },
    {
      // A development stage the released (last) stage does not build on is built only by a --target
      // naming it: not judged. The released stage's install is.
      fixture: 'target-stages',
      errors: [{ file: 'Dockerfile', line: 11, severity: 'warning', message: 'Global install of pm2 has no version' }],
    },
    {
      fixture: 'unpinned',
      errors: [
        { file: 'Dockerfile', line: 2, message: 'Global install of @nestjs/cli@latest follows the moving dist-tag latest', evidence: 'npm install -g @nestjs/cli@latest' },
        { file: 'Dockerfile', line: 2, message: 'Global install of pm2 has no version', evidence: 'npm install -g pm2' },
        { file: 'Dockerfile', line: 3, message: 'ts-node' },
        { file: 'Dockerfile', line: 6, message: 'npm-check-updates' },
      ],
    },
  ],
});
