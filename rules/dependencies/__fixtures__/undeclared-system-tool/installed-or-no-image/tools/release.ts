import { execSync } from 'node:child_process';

// No Dockerfile in this folder or above: a developer tool, not part of an image.
export const sha = execSync('git rev-parse HEAD').toString();
