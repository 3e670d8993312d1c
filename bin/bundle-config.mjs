// What the bundle leaves out and resolves from node_modules at run time. The one list: the build
// passes it to esbuild, and the packaging test holds package.json's `dependencies` to exactly it
// (everything else is bundled into dist/, so it belongs in devDependencies).
export const EXTERNAL = [
  // A native binding (a .node file per platform): it cannot be bundled.
  '@napi-rs/keyring',
];
