import { describe, expect, it } from 'vitest';
import { ApiError } from '../../sandbox/errors';
import { Collection, EnvStore } from '../../sandbox/store';

describe('Collection', () => {
	it('orders newest first by created, then by creation sequence, and filters', () => {
		const c = new Collection('thing');
		c.insert({ id: 'a', created: 10 }, 1);
		c.insert({ id: 'b', created: 10 }, 2);
		c.insert({ id: 'c', created: 5 }, 3);
		expect(c.newestFirst().map((o) => o.id)).toEqual(['b', 'a', 'c']);
		expect(c.newestFirst((o) => o.id !== 'b').map((o) => o.id)).toEqual(['a', 'c']);
		expect(c.all().map((o) => o.id)).toEqual(['a', 'b', 'c']);
	});

	it('answers 404 resource_not_found for unknown IDs on require and replace', () => {
		const c = new Collection('widget');
		const expectNotFound = (fn: () => unknown) => {
			try {
				fn();
				expect.unreachable();
			} catch (error) {
				expect(error).toBeInstanceOf(ApiError);
				expect((error as ApiError).body).toEqual({ message: 'No widget with ID w_1', error_code: 'resource_not_found' });
			}
		};
		expectNotFound(() => c.require('w_1'));
		expectNotFound(() => c.replace({ id: 'w_1', created: 1 }));
		expect(c.delete('w_1')).toBe(false);
	});
});

describe('EnvStore.dump', () => {
	it('returns deep copies', () => {
		const store = new EnvStore();
		store.collections.contractors.insert({ id: 'cn_1', created: 1, address: { region: 'CA' } }, 1);
		const dump = store.dump();
		(dump.contractors[0].address as { region: string }).region = 'NY';
		expect(store.collections.contractors.require('cn_1').address).toEqual({ region: 'CA' });
		expect(dump.events).toEqual([]);
	});
});
