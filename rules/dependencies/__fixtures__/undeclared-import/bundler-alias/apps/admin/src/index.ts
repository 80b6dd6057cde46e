import { sync } from '@workers/sync';
import { backendUrl } from '@helpers/backend';

console.log(sync, backendUrl());
