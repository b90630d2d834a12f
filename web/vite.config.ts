import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The C++ server serves web/dist from the same origin as /api/v1. During `npm run dev`
// API calls are proxied to a running server (CARTERA_URL, default 127.0.0.1:18080).
const apiTarget = process.env.CARTERA_URL ?? 'http://127.0.0.1:18080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: a separate, long-cached chunk.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|cookie)\//.test(id)) {
            return 'react';
          }
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
