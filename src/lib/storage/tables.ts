/*
 * The tables whose records say something about a citizen. Each is sealed on disk, belongs to one
 * citizen, is mirrored by the journal, deleted with its citizen and carried by backups. Those uses are
 * all derived from this list and the registry beside it (registry.ts), never listed again by hand.
 * Kept free of imports, so the e2e suite can read it too.
 */
export const SEALED_TABLES = ['citizens', 'meetings', 'answers', 'boards', 'media', 'plans', 'assessments', 'storyItems'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

/** Tables whose records belong to a citizen through a `citizenId` field (all but the citizens themselves). */
export const OWNED_TABLES = SEALED_TABLES.filter((name): name is Exclude<SealedTable, 'citizens'> => name !== 'citizens');
export type OwnedTable = (typeof OWNED_TABLES)[number];
