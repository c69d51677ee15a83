import { describe, expect, it } from 'vitest';
import { fixture, mapped, rules } from './support';

describe('client (JobDiva company → 1099Policy entity)', () => {
	it('names the configured entity of a client in the Client Table', () => {
		const json = mapped(fixture('jobDetail'), 'mapJob');
		expect(json.client).toEqual({
			companyId: '501',
			name: 'Acme Health',
			entity: 'en_12AbC3',
			because: 'COMPANYID "501" is in the Client Table',
		});
	});

	it('leaves the entity empty for an unknown client without a default, so a workflow can find or create it by name', () => {
		const json = mapped(fixture('jobDetail'), 'mapJob', rules({ clientTable: [], defaultEntity: '' }));
		expect(json.client?.entity).toBe('');
		expect(json.client?.name).toBe('Acme Health');
		expect(json.client?.because).toContain('not in the Client Table');
	});

	it('is part of Map Placement too', () => {
		const json = mapped({ placement: fixture('activityRecord'), job: fixture('jobDetail'), candidate: fixture('candidateDetail') }, 'mapPlacement');
		expect(json.client?.name).toBe('Acme Health');
		expect(json.client?.companyId).toBe('501');
	});
});
