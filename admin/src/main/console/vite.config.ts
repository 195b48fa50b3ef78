import { defineConfig } from 'vite';

// The console is served by the server at /console/ from the admin jar's classpath folder console/.
// `npm run dev` proxies the API and the session endpoints to a running server (CHRONOSCALE_URL).
const server = process.env.CHRONOSCALE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/console/',
  build: {
    outDir: '../../../target/classes/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/console/session': { target: server },
      '/console/login': { target: server },
    },
  },
});
