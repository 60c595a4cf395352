/** What each library format's parser gives back. */
import type { LibraryItem } from '../profile.js';

export interface ParsedItems {
  items: LibraryItem[];
  /** References left out (no title and no arXiv id, a line that is not an id), one line each naming where. */
  skipped: string[];
}
