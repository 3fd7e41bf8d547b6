import { defineConfig } from "vitest/config";

// Unit tests are pure and fast; integration tests use the real index, HTTP on loopback,
// SQLite files and (where installed) a real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
    ],
  },
});
