import { defineConfig } from 'vite';

// No React plugin: Vite 8 (oxc) compiles TSX with the automatic JSX runtime; we don't need fast refresh in CI.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      onwarn(warning: { code?: string }, warn: (w: unknown) => void) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return; // "use client" in TanStack Query: meaningless in an SPA
        warn(warning);
      },
      output: {
        // one stable vendor chunk (cached across deploys); routes beyond the first screen are lazy chunks
        manualChunks(id: string) {
          if (id.includes('node_modules')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    testTimeout: 20_000, // jsdom + user-event on a busy shared machine
  },
} as Record<string, unknown>);
