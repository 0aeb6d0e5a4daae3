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
    // The v3 clients the tests compare with warn once per process that their 2027 releases need Node 22; v3's own
    // switch turns that off (keysmith supports Node 20).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
