// `npm start`: serves the dashboard demo app (packages/dashboard/app) on the bundled demo data
// with Vite, straight from the TypeScript sources.
import { createServer } from 'vite';
import { root, sourceAliases } from './workspaces.mjs';

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({
  root,
  configFile: false,
  resolve: { alias: sourceAliases() },
  // Scan only the app for dependencies to pre-bundle (the repository holds other apps' pages).
  optimizeDeps: { entries: ['packages/dashboard/app/index.html'] },
  server: {
    host: process.env.HOST ?? 'localhost',
    port,
    // Cross-origin isolation gives the page SharedArrayBuffer, so t-SNE can use its second worker.
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  plugins: [
    {
      name: 'statescope-home',
      configureServer(server) {
        server.middlewares.use((request, response, next) => {
          if (request.url === '/' || request.url?.startsWith('/?')) {
            response.statusCode = 302;
            response.setHeader('location', `/packages/dashboard/app/${request.url.slice(1)}`);
            return response.end();
          }
          next();
        });
      },
    },
  ],
});
await server.listen();
console.log(`\n  Statescope dashboard: ${server.resolvedUrls.local[0]}  (Ctrl+C to stop)\n`);
