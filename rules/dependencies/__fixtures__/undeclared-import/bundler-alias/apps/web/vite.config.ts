import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: [{ find: '@helpers', replacement: path.resolve(__dirname, '../../packages/common/src/helpers') }],
  },
  optimizeDeps: { include: ['@workers/sync'] },
});
