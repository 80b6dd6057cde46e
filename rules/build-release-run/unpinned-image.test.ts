import rule from './unpinned-image.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // published-package-stack: a repository that publishes a package and deploys nothing; its compose starts test databases.
  // samples-by-readme-lead: a collection of samples, which its README's opening sentence says it is.
  // course-by-readme-lead: a course's lessons, which its README's opening sentence says they are.
  // compose-in-testing-folder: a compose file in docker-testing/ starts a test suite's database.
  // samples-by-readme-slug, samples-by-official-lead: a README titled `queue-kit-examples`, or opening
  // "Official examples for ...". samples-by-readme-quickstarts: "# Relay Quickstarts and Tutorials".
  valid: ['dockerfile-pinned', 'dockerfile-unresolved-arg', 'compose-pinned-or-built', 'k8s-pinned', 'published-package-stack', 'samples-by-readme-lead', 'course-by-readme-lead', 'compose-in-testing-folder', 'samples-by-readme-slug', 'samples-by-official-lead', 'samples-by-readme-quickstarts',
    // An SSH server's image that only the development compose file builds: development, as that file is.
    'dockerfile-built-only-by-dev-compose'],
  invalid: [
    {
      // A compose file inside a package (not the root's), building nothing and running no image of
      // the repository's own, starts what that package is developed against: not judged, beside a
      // module's source or at the package's root. One that runs the repository's image, and one whose
      // name says production, are judged.
      fixture: 'stack-inside-package',
      errors: [
        { file: 'server/docker-compose.prod.yml', line: 4, message: 'Image vendorco/columnar-db in service columnar has no tag' },
        { file: 'server/drivers/search/docker-compose.yml', line: 3, message: 'Image acme/querybench-server in service app has no tag' },
      ],
    },
    {
      // A compose file that starts a browser for end-to-end tests beside the app built from source
      // is where the tests run (its untagged cache is not judged); a headless browser the deployed
      // app calls is part of the deployment (near miss).
      fixture: 'compose-browser-tests',
      errors: [{ file: 'deploy/docker-compose.yml', line: 4, message: 'Image acme/reports in service app has no tag' }],
    },
    {
      // Near miss: a development compose file builds it, but the image ships the repository's code.
      fixture: 'app-dockerfile-built-by-dev-compose',
      errors: [{ file: 'apps/proxy/Dockerfile', line: 3, message: 'node in FROM has no tag' }],
    },
    {
      // Near miss: the compose file that builds the SSH image is the stack users run.
      fixture: 'dockerfile-built-by-compose',
      errors: [{ file: 'containers/ssh/Dockerfile', line: 2, message: 'alpine in FROM has no tag' }],
    },
    {
      // Near miss: "for use in our schools", then a course platform: a product that deploys itself.
      fixture: 'course-lead-near-miss',
      errors: [{ file: 'deploy/compose.yaml', line: 5, message: 'redis:latest in service cache' }],
    },
    {
      // Near miss: the README names a collection of examples after saying what the product is.
      fixture: 'samples-lead-later',
      errors: [{ file: 'deploy/compose.yaml', line: 5, message: 'redis:latest in service cache' }],
    },
    {
      // An app's monorepo root that npm init left unprivate: its compose file is its self-hosting stack.
      fixture: 'unprivate-app-root',
      errors: [{ file: 'docker-compose.yaml', line: 5, message: 'ghcr.io/gitroomhq/postiz-app:latest in service app' }],
    },
    {
      // The same kind of repository, whose compose pulls the project's own image: its self-hosting stack.
      fixture: 'published-package-own-image',
      errors: [{ file: 'docker-compose.yml', line: 5, message: 'acmeio/acme-flows:latest in service app' }],
    },
    {
      fixture: 'dockerfile-untagged',
      errors: [
        { file: 'Dockerfile', line: 1, column: 6, message: 'has no tag' },
        { file: 'Dockerfile', line: 4, column: 6, message: 'latest' },
      ],
    },
    {
      fixture: 'dockerfile-arg-default-latest',
      errors: [
        { file: 'Dockerfile', line: 4, severity: 'error', message: 'registry.example.com/shop/migrate in FROM has no tag' },
        // A variable chooses the tag: the build may pass a pinned one, which the file cannot show.
        { file: 'Dockerfile', line: 5, severity: 'info', message: 'node:${NODE_TAG} resolves to node:latest' },
      ],
    },
    {
      fixture: 'compose-latest',
      errors: [
        { file: 'compose.yaml', line: 3, column: 12, severity: 'error', message: 'registry.example.com:5000/shop/api in service api has no tag' },
        { file: 'compose.yaml', line: 5, severity: 'info', message: 'The variable REDIS_TAG chooses the image' },
      ],
    },
    {
      // Developer GUIs, mail catchers and cloud emulators beside a deployed app: info; the cache is the app's own dependency.
      fixture: 'compose-dev-tools',
      errors: [
        { file: 'compose.yaml', line: 7, severity: 'info', message: 'dpage/pgadmin4:latest in service pgadmin uses the mutable latest tag. dpage/pgadmin4 is a developer tool' },
        { file: 'compose.yaml', line: 9, severity: 'info', message: 'axllent/mailpit in service mail has no tag' },
        { file: 'compose.yaml', line: 12, severity: 'error', message: 'redis:latest' },
        { file: 'compose.yaml', line: 15, severity: 'info', message: 'nsmithuk/local-kms is a developer tool (database browser, mail catcher, debugger, local emulator of a cloud service)' },
        { file: 'compose.yaml', line: 18, severity: 'error', message: 'ghcr.io/shop/localstack-proxy:latest' },
        { file: 'compose.yaml', line: 21, severity: 'info', message: 'sosedoff/pgweb in service dbview has no tag' },
      ],
    },
    {
      // A merged image is reported where it is written (the anchor), once per service that runs it.
      fixture: 'compose-merge-key',
      errors: [{ file: 'compose.yaml', line: 3, column: 10, message: 'ghcr.io/shop/worker in service mailer has no tag' }],
    },
    {
      fixture: 'k8s-untagged',
      errors: [
        { file: 'deployment.yaml', line: 17, message: 'container wait-for-db has no tag' },
        { file: 'deployment.yaml', line: 20, message: 'ghcr.io/shop/api:latest in Deployment api container api uses the mutable latest tag' },
      ],
    },
    {
      // Compose files package.json scripts start by name (and what their services extend) are a
      // developer's set-up, and so is a nested package's default file its own script starts bare; one a
      // deploy script starts, none names, or a bare `docker compose up` starts at the root, is deployed.
      fixture: 'compose-started-by-scripts',
      errors: [
        { file: '.docker/infra.production.yml', line: 4, message: 'ghcr.io/acme/files-edge:latest in service api' },
        // A deploy script's shell script starts it (adapters/upstash's, which its test script's shell script starts, is a test set-up).
        { file: 'adapters/edge/docker-compose.yml', line: 3, message: 'ghcr.io/acme/files-edge-proxy:latest in service edge' },
        { file: 'compose.yaml', line: 5, message: 'ghcr.io/acme/files-worker:latest in service worker' },
        { file: 'deploy/compose.yml', line: 4, message: 'ghcr.io/acme/files-api:latest in service api' },
        { file: 'docker-compose.base.yml', line: 4, message: 'ghcr.io/acme/files-base:latest in service api' },
      ],
    },
    {
      // A documentation template's images to fill in (<YOUR_PROJECT_ID>, your-…) name nothing to pin.
      fixture: 'k8s-doc-placeholders',
      errors: [
        { file: 'deployment.yaml', line: 20, message: 'gcr.io/acme-public/sql-proxy:latest in Deployment quickstart container proxy uses the mutable latest tag' },
        { file: 'deployment.yaml', line: 23, message: 'ghcr.io/acme/yourtours:latest' },
      ],
    },
    {
      // kustomize writes the release version into web's image; worker's is not replaced.
      fixture: 'k8s-kustomize-replacement',
      errors: [{ file: 'worker.yaml', line: 14, severity: 'error', message: 'ghcr.io/shop/worker in Deployment worker container worker has no tag' }],
    },
  ],
});
