import type { CollectionName } from '../sandbox/types';

/**
 * What one run of each placement workflow must leave in a fresh sandbox, per collection: the exact number of
 * objects. A second run must leave the same objects (same IDs), since every create carries an idempotency key
 * derived from the JobDiva IDs. Collections not listed must stay empty. A placement template without an entry
 * fails the run and prints what it created, so a new template gets an entry on purpose, not by accident.
 */
export const PLACEMENT_EXPECTATIONS: Record<string, Partial<Record<CollectionName, number>>> = {
	// test/e2e/fixtures: two contractors upserted from a Code node.
	'placement-fixture.json': { contractors: 2 },
};
