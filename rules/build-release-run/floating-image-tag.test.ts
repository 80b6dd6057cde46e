import rule from './floating-image-tag.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // deprecated-profile-only: the floating Dockerfile is built only by a service in the deprecated profile.
  valid: ['versioned-tags', 'unresolved-and-owned-elsewhere', 'deprecated-profile-only'],
  invalid: [
    {
      fixture: 'dockerfile-floating',
      errors: [
        { file: 'Dockerfile', line: 1, column: 6, message: 'node:lts-alpine in FROM uses the floating tag lts-alpine' },
        { file: 'Dockerfile', line: 6, message: 'node:bookworm-slim in FROM uses the floating tag bookworm-slim' },
        { file: 'Dockerfile', line: 9, message: 'current-slim' },
        { file: 'Dockerfile', line: 13, message: 'nightly-20240111' },
        { file: 'Dockerfile', line: 14, message: 'alpine3.19' },
        { file: 'Dockerfile', line: 16, message: 'the floating tag vnext-preview' },
      ],
    },
    {
      fixture: 'dockerfile-arg-resolves-floating',
      errors: [
        // A variable chooses the tag: the build may pass a version, which the file cannot show.
        { file: 'Dockerfile', line: 5, severity: 'info', message: 'node:${NODE_FLAVOR} resolves to node:alpine' },
        { file: 'Dockerfile', line: 7, severity: 'warning', message: 'resolves to registry.example.com/nginx:mainline' },
        { file: 'Dockerfile', line: 9, severity: 'info', message: 'node:${NODE_VERSION}-alpine resolves to node:lts-alpine' },
        { file: 'Dockerfile', line: 11, severity: 'warning', message: 'node:lts-${VARIANT} resolves to node:lts-alpine' },
      ],
    },
    {
      // The same Dockerfile, also built by a service in the app profile: deployed.
      fixture: 'deprecated-profile-and-app',
      errors: [{ file: 'packages/web/Dockerfile', line: 1, message: 'node:lts in FROM' }],
    },
    {
      fixture: 'compose-k8s-floating',
      errors: [
        { file: 'compose.yaml', line: 3, message: 'redis:alpine in service cache' },
        { file: 'compose.yaml', line: 11, message: 'ghcr.io/shop/worker:main-node20 in service worker' },
        { file: 'deployment.yaml', line: 16, message: 'ghcr.io/shop/api:stable in Deployment api container api' },
      ],
    },
    {
      // `:local` is the tag of an image built on the developer's machine; `:localized` is a registry's.
      fixture: 'local-build-tag',
      errors: [{ file: 'Dockerfile', line: 2, message: 'shop/worker:localized' }],
    },
    {
      fixture: 'local-registry',
      errors: [{ file: 'compose.yaml', line: 9, message: 'registry.example.com/localhost/proxy:edge in service proxy' }],
    },
    {
      // The overlay's images: entries rewrite the tags its patches write (a placeholder, latest) when
      // kustomize builds it; a patch image no entry names, and a file no kustomization lists, keep theirs.
      fixture: 'k8s-kustomize-patches',
      errors: [
        { file: 'overlays/prod/cron.yaml', line: 14, message: 'ghcr.io/shop/api:edge' },
        { file: 'overlays/prod/sidecar-patch.yaml', line: 10, message: 'ghcr.io/shop/proxy:main' },
      ],
    },
  ],
});
