/**
 * The static web reader: `buildSite` writes it from stored days, `serveSite` serves a built one on localhost.
 * Called by the CLI (`site`, `serve`, `run --out`); library users can call them directly.
 */
export { buildSite } from './build.js';
export { withSiteLock } from './lock.js';
export { serveSite } from './serve.js';
export type { ServeOptions, SiteServer } from './serve.js';
export { toSiteDay } from './day-data.js';
export { ACKNOWLEDGEMENT, CONTENT_SECURITY_POLICY } from './html.js';
export type { DaySource } from './build.js';
export type { Manifest, ManifestDay, ManifestPeriod, SiteDay, SiteOptions, SiteRecord, SiteResult } from './types.js';
