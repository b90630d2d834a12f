import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
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
      // Two pages: the admin app, and the public quick-order page (/q/<token>), which loads
      // no framework so it stays small on a slow phone.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        quick: fileURLToPath(new URL('./q.html', import.meta.url)),
      },
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
