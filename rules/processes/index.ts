// Rules of the processes factor. rules/index.ts gathers every factor's list; a repository test checks
// that each rule file in this folder is listed here.

import type { RuleDefinition } from '../../src/rule-api/types.js';
import inMemorySessionStore from './in-memory-session-store.js';
import localDiskPersistence from './local-disk-persistence.js';
import moduleLevelMutableState from './module-level-mutable-state.js';
import stickySessions from './sticky-sessions.js';

export const processesRules: RuleDefinition[] = [inMemorySessionStore, localDiskPersistence, moduleLevelMutableState, stickySessions];
