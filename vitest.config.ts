import { defineConfig } from "vitest/config";

// "keysmith-source" points package imports (#platform) at the TypeScript sources instead of dist/.
const conditions = ["keysmith-source", "node", "import", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
