// The prisma-engines commit prisma-client-py 0.15.0 expects; it is also the commit the
// @prisma/query-engine-wasm build in devDependencies was made from.
export const ENGINE_HASH = '393aa359c9ad4a4bb28630fb5613f9c281cde053';
