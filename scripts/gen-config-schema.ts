/**
 * Writes config.schema.json from the zod schema (run: npx tsx scripts/gen-config-schema.ts).
 * A test checks the committed file matches, so the schema and the editor completion never drift.
 */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/config/json-schema.js';

writeFileSync(new URL('../config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
