import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API so the browser sees one origin (the session cookie is SameSite).
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: { '/api': api, '/health': api } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
