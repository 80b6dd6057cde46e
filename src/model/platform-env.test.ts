import { describe, expect, it } from 'vitest';
import { PLATFORM_ENV, platformEnv } from './platform-env.js';

describe('platformEnv', () => {
  it('every entry names variables or a prefix, who sets them and a documentation link', () => {
    for (const e of PLATFORM_ENV) {
      expect((e.names?.length ?? 0) > 0 || (e.prefix ?? '').length > 0, e.by).toBe(true);
      expect(e.by.length).toBeGreaterThan(0);
      expect(e.source).toMatch(/^https:\/\/\S+$/);
    }
  });

  it('OS and container runtime', () => {
    for (const n of ['HOME', 'PATH', 'HOSTNAME', 'TERM', 'USERPROFILE']) expect(platformEnv(n), n).toBeDefined();
  });

  it('Kubernetes: the API server service only, not every service a pod sees', () => {
    expect(platformEnv('KUBERNETES_SERVICE_HOST')?.by).toMatch(/Kubernetes/);
    expect(platformEnv('KUBERNETES_SERVICE_PORT')).toBeDefined();
    expect(platformEnv('AUTH_SERVICE_HOST')).toBeUndefined();
  });

  it('AWS Lambda and ECS', () => {
    for (const n of ['AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_LOG_GROUP_NAME', 'LAMBDA_TASK_ROOT', '_HANDLER', 'ECS_CONTAINER_METADATA_URI_V4']) expect(platformEnv(n), n).toBeDefined();
    // The service's own AWS settings are not the platform's.
    expect(platformEnv('AWS_S3_BUCKET')).toBeUndefined();
    expect(platformEnv('AWS_LAMBDA_')).toBeUndefined();
  });

  it('PaaS: Heroku, Vercel, Netlify, Render, Fly, Railway, Cloud Run', () => {
    for (const n of ['DYNO', 'PORT', 'HEROKU_APP_NAME', 'VERCEL', 'VERCEL_ENV', 'NEXT_PUBLIC_VERCEL_URL', 'NETLIFY', 'RENDER', 'RENDER_EXTERNAL_URL', 'FLY_APP_NAME', 'RAILWAY_PUBLIC_DOMAIN', 'K_SERVICE', 'CLOUD_RUN_JOB']) {
      expect(platformEnv(n), n).toBeDefined();
    }
    // Too generic without the platform's own file.
    for (const n of ['URL', 'CONTEXT', 'BRANCH', 'HOST']) expect(platformEnv(n), n).toBeUndefined();
  });

  it('frameworks and Node', () => {
    for (const n of ['NEXT_RUNTIME', 'NODE_ENV', 'NODE_OPTIONS', 'TZ', 'DEBUG', 'pm_id']) expect(platformEnv(n), n).toBeDefined();
    expect(platformEnv('NEXT_PUBLIC_API_URL')).toBeUndefined();
  });

  it('package managers, CI and test runners', () => {
    for (const n of ['npm_package_version', 'npm_lifecycle_event', 'INIT_CWD', 'CI', 'GITHUB_SHA', 'CI_COMMIT_SHA', 'JEST_WORKER_ID', 'VITEST']) expect(platformEnv(n), n).toBeDefined();
  });
});
