/** `preprint-digest profile import FILE` and `profile show`: the interest profile used by `run --rank`. */
import { configFromFlags, say, withStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { requireFiles } from '../options.js';
import { describeProfile, importLibrary, importSummary, readImport } from '../../rank/commands.js';
import type { LibraryFormat } from '../../rank/import/index.js';
import { readProfile } from '../../rank/profile.js';
import { createArxivClient } from '../../sources/index.js';

export interface ProfileFlags extends DayFlags {
  format?: LibraryFormat;
  notInterested?: boolean;
  offline?: boolean;
}

export async function profileImportCommand(file: string, flags: ProfileFlags): Promise<void> {
  requireFiles(file);
  const config = configFromFlags(flags);
  // Read first: a file that cannot be imported must not create the store on its way to failing.
  const library = readImport(file, flags.format);
  await withStore(config, async (store) => {
    const client = flags.offline
      ? null
      : createArxivClient({ contact: config.contact, minIntervalMs: config.minIntervalMs, timeoutMs: config.timeoutMs, retries: config.retries });
    const result = await importLibrary({
      file,
      profilePath: config.profile,
      library,
      list: flags.notInterested ? 'notInterested' : 'library',
      store,
      client,
      apiUrl: config.apiUrl,
    });
    say(importSummary(result, config.profile));
  });
}

export async function profileShowCommand(flags: ProfileFlags): Promise<void> {
  const config = configFromFlags(flags);
  // A missing file is an error here: an empty profile shown for a mistyped path would look like a real one.
  say(`${config.profile}\n${describeProfile(readProfile(config.profile))}`);
}
