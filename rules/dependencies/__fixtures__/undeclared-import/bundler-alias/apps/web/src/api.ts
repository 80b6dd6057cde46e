import { backendUrl } from '@helpers/backend';
import { createApp } from 'vue';
import { sync } from '@workers/sync';

export const app = createApp({ url: backendUrl(), sync });
