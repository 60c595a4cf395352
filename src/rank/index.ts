/**
 * Personal relevance ranking: interest profile, library imports, the offline scorer (BM25 term vectors, linear
 * SVM, keyword and author boosts) with reasons, the optional embeddings signal, and its use in the digest.
 */
export { buildArchiveIndex, indexPapers } from './archive.js';
export type { ArchiveIndex, BuildArchiveOptions } from './archive.js';
export { describeProfile, importLibrary, importSummary } from './commands.js';
export type { ImportOptions, ImportResult } from './commands.js';
export { aboveThreshold, rankDigest, rankDigestDetailed, recommend } from './digest.js';
export type { RankContext, RankedDigest } from './digest.js';
export { createOpenAiEmbedder, embedCached } from './embeddings.js';
export type { EmbedItem, Embedder, OpenAiEmbedderOptions } from './embeddings.js';
export { detectFormat, LIBRARY_FORMATS, parseLibrary, readLibraryFile } from './import/index.js';
export type { LibraryFile, LibraryFormat } from './import/index.js';
export { fetchLibraryPapers, mergeIntoProfile } from './library.js';
export type { ProfileList } from './library.js';
export type { RankerOptions } from './model.js';
export { defaultProfilePath, emptyProfile, parseProfile, ProfileSchema, readProfile, writeProfile } from './profile.js';
export type { FollowedAuthor, LibraryItem, Profile, WeightedTerm } from './profile.js';
export { compareScores, createRanker } from './score.js';
export type { PaperScore, Ranker, Signals } from './score.js';
