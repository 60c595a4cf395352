// Types of scripts/build-reader.mjs for the tests and benchmarks that call it.
export declare const DEFAULT_OUT: string;
export declare function buildReader(options?: { outDir?: string; minify?: boolean }): Promise<string[]>;
