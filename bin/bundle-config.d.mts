// Types for bundle-config.mjs (imported by the packaging test).
export declare const EXTERNAL: readonly string[];
