// @ts-check
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import node from "@astrojs/node";

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  server: { host: "127.0.0.1", port: 4321 },
  // Astro's origin check is our CSRF protection for form posts: keep it on.
  security: { checkOrigin: true },
  // No inline <style> or <script>: the Content-Security-Policy allows neither.
  build: { inlineStylesheets: "never" },
  vite: {
    resolve: {
      alias: {
        "~": fileURLToPath(new URL("./src", import.meta.url)),
        "~db": fileURLToPath(new URL("./db", import.meta.url)),
      },
    },
    css: { preprocessorOptions: { scss: { quietDeps: true } } },
    // lightningcss rejects a media query in govuk-frontend's compiled CSS; esbuild minifies it fine.
    build: {
      cssMinify: "esbuild",
      // Astro inlines a small script with no imports into the page; the Content-Security-Policy
      // refuses inline scripts, so every script stays a file. Other assets keep Vite's default.
      assetsInlineLimit: (file) => (/\.[cm]?js$/.test(file) ? false : undefined),
    },
  },
});
