// ollm's version, put in by the bundler (package.json's); `0.0.0-dev` when run from source.
declare const __OLLM_VERSION__: string;

export const VERSION = typeof __OLLM_VERSION__ === 'string' ? __OLLM_VERSION__ : '0.0.0-dev';
