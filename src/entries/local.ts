// keysmith/local: the embedded IAM/STS endpoint, for demos and tests.
export * from "../local/index.js";
