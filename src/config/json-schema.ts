/** JSON Schema of the config file, generated from the zod schema (committed as config.schema.json). */
import { z } from 'zod';
import { UserConfigSchema } from './schema.js';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(UserConfigSchema),
    $id: 'https://github.com/preprint-digest/preprint-digest/config.schema.json',
    title: 'preprint-digest configuration',
  };
}
