// Run by the build script only: devDependencies are installed there.
import { defineConfig } from 'vitest/config';

export default defineConfig({});
