/** What each library format's parser gives back, and how its messages quote the input. */
import type { LibraryItem } from '../profile.js';

export interface ParsedItems {
  items: LibraryItem[];
  /** References left out (no title and no arXiv id, a line that is not an id), one line each naming where. */
  skipped: string[];
}

/** Input quoted in a message: JSON-escaped (binary stays printable), cut to about 80 characters. */
export function quoted(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** A name from the input (an entry key, a macro) as a message shows it: cut to about 80 characters. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
