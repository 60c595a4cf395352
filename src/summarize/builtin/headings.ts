/**
 * Structured abstracts ("Objective: … Methods: … Results: … Conclusions: …", common in eess, q-bio and
 * physics.med-ph) label their own sections. The authors' heading is a better guide to a sentence's role than
 * the classifier, and it reads badly inside a field ("Method: Methods: …"), so the summarizer strips it and
 * gives every sentence of the section the heading's role.
 */
import type { SentenceRole } from '../../types.js';

const CONCLUDING = new Set(['conclusion', 'conclusions', 'significance', 'implications', 'discussion', 'interpretation']);

// A Map, not an object literal: a sentence opening with "Constructor:" must not find Object's prototype.
const HEADING_ROLES = new Map(Object.entries<SentenceRole>({
  background: 'background',
  context: 'background',
  introduction: 'background',
  motivation: 'background',
  problem: 'background',
  rationale: 'background',
  objective: 'objective',
  objectives: 'objective',
  purpose: 'objective',
  aim: 'objective',
  aims: 'objective',
  goal: 'objective',
  goals: 'objective',
  method: 'method',
  methods: 'method',
  methodology: 'method',
  approach: 'method',
  design: 'method',
  'materials and methods': 'method',
  'study design': 'method',
  result: 'result',
  results: 'result',
  findings: 'result',
  'main results': 'result',
  conclusion: 'other',
  conclusions: 'other',
  significance: 'other',
  implications: 'other',
  discussion: 'other',
  interpretation: 'other',
}));

// One to three words of a known heading and a colon opening a sentence ("Methods: We …"), or the heading alone
// with a colon or a period: the splitter leaves styles such as "Objective. To … Approach. We …" that way.
const HEADING_RE = /^\s*([A-Za-z]+(?: [A-Za-z]+){0,2})\s*(?::\s*(?=\S)|([.:])\s*$)/;

export interface Sections {
  /** The sentences without heading-only ones, and with a leading heading removed. */
  sentences: string[];
  /** For each of `sentences`, its index among the sentences passed in. */
  source: number[];
  /** The role of each sentence's section, or null outside any recognised section. */
  roles: (SentenceRole | null)[];
  /** Sentences under a concluding heading (Conclusion(s), Significance, Implications, …). */
  conclude: boolean[];
}

export interface Heading {
  role: SentenceRole;
  conclude: boolean;
  /** Characters the heading takes at the start of the sentence. */
  length: number;
  /** The sentence is the heading and nothing else. */
  alone: boolean;
}

/** The heading when `sentence` opens with (or is) a recognised section heading. */
export function headingOf(sentence: string): Heading | null {
  const m = HEADING_RE.exec(sentence);
  const name = m?.[1]!.toLowerCase() ?? '';
  const role = HEADING_ROLES.get(name);
  return role ? { role, conclude: CONCLUDING.has(name), length: m![0].length, alone: m![2] !== undefined } : null;
}

/**
 * Section roles of an abstract's sentences. Only an abstract with at least two headings counts as structured:
 * a single "Results:" may be an ordinary sentence's lead-in, and one heading says nothing about its neighbours.
 */
export function readSections(sentences: readonly string[]): Sections {
  const heads = sentences.map(headingOf);
  const out: Sections = { sentences: [], source: [], roles: [], conclude: [] };
  const structured = heads.filter(Boolean).length >= 2;
  let current: Heading | null = null;
  sentences.forEach((s, i) => {
    const h = structured ? heads[i] : null;
    current = h ?? current;
    if (h?.alone) return;
    const rest = h ? s.slice(h.length) : s;
    out.sentences.push(h ? rest.charAt(0).toUpperCase() + rest.slice(1) : s);
    out.source.push(i);
    out.roles.push(current?.role ?? null);
    out.conclude.push(current?.conclude ?? false);
  });
  return out;
}

/** Roles of `sections.sentences`: the section's role inside a recognised section, the classifier's elsewhere. */
export function withSectionRoles(predicted: readonly SentenceRole[], sections: Sections): SentenceRole[] {
  return sections.source.map((j, k) => sections.roles[k] ?? predicted[j]!);
}
