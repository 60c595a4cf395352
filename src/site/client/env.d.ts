// The reader runs in the browser: its files need the DOM types. The root tsconfig has no DOM lib (the rest of
// the project is Node), and these references are the only way to add it without another tsconfig;
// dom.asynciterable keeps Node's ReadableStream iteration (src/sources/_http.ts) type-checking with DOM present.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="dom.asynciterable" />
