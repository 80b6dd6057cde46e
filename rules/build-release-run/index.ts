// Rules of the build-release-run factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import buildAtRuntime from './build-at-runtime.js';
import devServerInRelease from './dev-server-in-release.js';
import floatingImageTag from './floating-image-tag.js';
import imageNotDigestPinned from './image-not-digest-pinned.js';
import mutableReleaseSource from './mutable-release-source.js';
import sourceBindMount from './source-bind-mount.js';
import unpinnedImage from './unpinned-image.js';

export const buildReleaseRunRules: RuleDefinition[] = [buildAtRuntime, devServerInRelease, floatingImageTag, imageNotDigestPinned, mutableReleaseSource, sourceBindMount, unpinnedImage];
