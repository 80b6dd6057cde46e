import { defineEventHandler } from 'h3';
import { $fetch } from 'ofetch';
import eslintPluginVue from 'eslint-plugin-vue';

export default defineEventHandler(async () => ({ up: true, upstream: await $fetch('/api/ping'), rules: Object.keys(eslintPluginVue) }));
