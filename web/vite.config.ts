import { resolve } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server answers /agent/* with the console's page, as Tessera does in production; without it a
 * reload on /agent/tickets/42 would get the portal.
 */
function agentFallback(): Plugin {
  return {
    name: 'tessera-agent-fallback',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const url = request.url ?? '';
        const path = url.split('?')[0] ?? '';
        if (/^\/agent(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path)) request.url = '/agent/index.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), tailwindcss(), agentFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      input: { portal: resolve(root, 'index.html'), agent: resolve(root, 'agent/index.html') },
    },
  },
  server: {
    // `npm run dev:web` against a Tessera started with `npm start` (or TESSERA_URL).
    proxy: { '/api': { target: process.env.TESSERA_URL ?? 'http://localhost:8080', changeOrigin: false } },
  },
});
