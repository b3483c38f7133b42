import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOUR = '#0f5e57';

/** The sync server (npm run serve) during `vite` dev; in production it serves the PWA itself. */
const API_TARGET = 'http://localhost:8080';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The new service worker waits for the clerk's tap ("更新"): an update
      // must never reload the page in the middle of a transaction.
      registerType: 'prompt',
      // Registration happens in src/app/update-prompt.tsx (useRegisterSW).
      injectRegister: false,
      manifest: {
        name: 'Tenpo',
        short_name: 'Tenpo',
        description: '店舗タブレット — 会員・ポイント・在庫',
        lang: 'ja',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOUR,
        background_color: '#f4f6f5',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precache the whole shell — every JS chunk (the lazily loaded QR
        // scanner included), CSS, HTML, icons — so the app starts and scans
        // with no network after the first visit.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // Remove precaches of older versions once a new worker activates.
        cleanupOutdatedCaches: true,
        // Any in-app navigation (a reload on #/settings, a bookmarked deep
        // link) is answered with the cached shell while offline…
        navigateFallback: '/index.html',
        // …but never the server's own endpoints. These rules keep the API out
        // of the cache's reach: a navigation to them must hit the network,
        // or a clerk would see the app instead of the server's answer.
        navigateFallbackDenylist: [
          /^\/sync\//, // tablet sync protocol: pull, push, the SSE stream, enrolment
          /^\/api\//, // EC / HQ integration API and its OpenAPI document
          /^\/healthz/, // load balancer / monitoring probe: must reflect the live server
        ],
        // No runtimeCaching on purpose: only precached files and navigations
        // are served by the worker; every fetch to /sync and /api goes to the
        // network untouched, and offline data comes from RxDB, not HTTP caches.
      },
      devOptions: {
        // No service worker in `vite` dev: it would cache modules mid-edit.
        enabled: false,
      },
    }),
  ],
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // Libraries in their own chunk: an app release then changes only
              // the small app chunk, and tablets re-download (and re-precache)
              // little on update. html5-qrcode and uPlot stay out: they load
              // on the first scan and with the HQ dashboard, not at start.
              name: 'vendor',
              test: /node_modules[\\/](?!(html5-qrcode|uplot)[\\/])/,
            },
          ],
        },
      },
    },
    // The vendor chunk (React, RxDB + Dexie, zod, libphonenumber metadata) is
    // ~250 kB gzip. It is precached once per dependency update, never fetched
    // per navigation, so the generic 500 kB hint does not apply.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      // Same paths as production, where one server serves PWA and API.
      '/sync': { target: API_TARGET, changeOrigin: true },
      '/api': { target: API_TARGET, changeOrigin: true },
      '/healthz': { target: API_TARGET, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/sync': { target: API_TARGET, changeOrigin: true },
      '/api': { target: API_TARGET, changeOrigin: true },
      '/healthz': { target: API_TARGET, changeOrigin: true },
    },
  },
});
