import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dashboard is served by the API server at `/` in production (same origin as `/graphql`),
 * so in development the Vite server proxies `/graphql` — HTTP and the graphql-ws WebSocket —
 * to a locally running server, and the browser code never needs to know another origin.
 */
const graphqlProxy = {
  '/graphql': { target: 'http://localhost:4000', ws: true, changeOrigin: true },
};

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: { proxy: graphqlProxy },
  // `vite preview` serves the built bundle; proxying there too lets browser tests run against dist/.
  preview: { proxy: graphqlProxy },
});
