import type { CollectionName } from '../sandbox/types';

/**
 * What one run of each placement workflow must leave in a fresh sandbox, per collection: the exact number of
 * objects. A second run right after must leave the same objects (same IDs): the placement ledger already holds every
 * placement (and every create carries an idempotency key derived from the JobDiva IDs). Collections not listed must
 * stay empty. Later steps of the lifecycle (test/demo/lifecycle.ts) keep these counts. A placement template without an entry
 * fails the run and prints what it created, so a new template gets an entry on purpose, not by accident.
 */
export const PLACEMENT_EXPECTATIONS: Record<string, Partial<Record<CollectionName, number>>> = {
	/**
	 * The shipped template over the JobDiva stand-in's default fixtures (test/jobdiva-standin/fixtures.ts), six hires,
	 * after test/demo/scenario.ts made Jordan Lee a returning contractor (seeded: his contractor, the Acme Health entity,
	 * an earlier job, quote and completed session, and the active policy it bound):
	 *   45678, 45690 Jordan Lee (returning)  → job, quote and an assignment each (bound at once);
	 *   45680 Marcus Webb (first-time)       → contractor, Contoso Logistics entity, job, quote, application session;
	 *   45679 Priya Raman (corp-to-corp "N"), 45700 Alicia Gomez ("contract" only) → skipped as not 1099;
	 *   45710 Sam Ortiz (no pay rate)        → "Needs fixing in JobDiva", nothing created.
	 * The counts include the seeded objects.
	 */
	'jobdiva-placement-to-1099policy.json': { contractors: 2, entities: 2, jobs: 4, quotes: 4, sessions: 2, policies: 1, assignments: 2 },
	// test/e2e/fixtures (used only while templates/ is empty): two contractors upserted from a Code node.
	'placement-fixture.json': { contractors: 2 },
};
