import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("../src", import.meta.url)),
  "~db": fileURLToPath(new URL("../db", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file opens its own PGlite (about 1.5 s of WASM start-up) and, with DATABASE_URL,
          // its own PostgreSQL database; two workers suit these two-core machines.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Load, fault and hostile-input tests against the production build (dist/), started as a
          // real server process. `npm test` runs them after its build; each file has ports of its own.
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          globalSetup: ["tests/support/build-once.ts"],
          environment: "node",
          maxWorkers: 2,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
