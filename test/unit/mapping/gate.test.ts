import { describe, expect, it } from 'vitest';
import { fixture, mapped, nestedPlacement, rules, skipped } from './support';

/** The contractor-only gate: positive evidence passes; employees, direct hires and "no evidence" go to Skipped. */

const start = (overrides: Record<string, unknown>) => ({ ...fixture('searchStart'), ...overrides });

describe('contractor gate', () => {
	it.each([
		['EMPLOYMENT_CATEGORY Subcontractor', nestedPlacement({ CORPTOCORP: '', EMPLOYMENT_CATEGORY: 'Subcontractor' }), 'placement.EMPLOYMENT_CATEGORY'],
		['employmentCategory 1099', fixture('camelCasePlacement'), 'employmentCategory'],
		['CORPTOCORP Y', nestedPlacement({ CORPTOCORP: 'Y' }), 'placement.CORPTOCORP'],
		['CORPTOCORP yes', nestedPlacement({ CORPTOCORP: 'yes' }), 'placement.CORPTOCORP'],
		['CORPTOCORP 1', nestedPlacement({ CORPTOCORP: '1' }), 'placement.CORPTOCORP'],
		['"crop to crop" true (boolean)', start({ 'crop to crop': true }), 'crop to crop'],
		['"crop to crop" "true"', start({ 'crop to crop': 'true' }), 'crop to crop'],
		['"crop to crop" 1 (number)', start({ 'crop to crop': 1 }), 'crop to crop'],
		['position type "1099 Contract"', start({ 'crop to crop': null, 'position type': '1099 Contract' }), 'position type'],
	])('%s → Mapped, evidence named', (_label, input, field) => {
		const result = mapped(input, 'mapPlacement');
		expect(result.gate!.field).toBe(field);
		expect(result.gate!.reason).toMatch(/^contractor evidence/);
	});

	it.each([
		['"contract" + null C2C', start({ 'crop to crop': null }), 'position type', 'contract', /"contract" alone is not evidence/],
		['"contract" + C2C "N"', start({ 'crop to crop': 'N' }), 'crop to crop', 'N', /corp-to-corp flag is "N"/],
		['Employee', nestedPlacement({ CORPTOCORP: '', EMPLOYMENT_CATEGORY: 'Employee' }), 'placement.EMPLOYMENT_CATEGORY', 'Employee', /W-2\/employee/],
		['W2 even with C2C set (negative evidence wins)', nestedPlacement({ CORPTOCORP: 'Y', EMPLOYMENT_CATEGORY: 'W2' }), 'placement.EMPLOYMENT_CATEGORY', 'W2', /W-2/],
		['Hourly (W-2 hourly employee)', nestedPlacement({ CORPTOCORP: '', EMPLOYMENT_CATEGORY: 'Hourly' }), 'placement.EMPLOYMENT_CATEGORY', 'Hourly', /W-2/],
		['Direct Placement', start({ 'position type': 'Direct Placement', 'crop to crop': null }), 'position type', 'Direct Placement', /direct-hire/],
		['Right to Hire', start({ 'position type': 'Right to Hire', 'crop to crop': 'Y' }), 'position type', 'Right to Hire', /direct-hire/],
		['no evidence at all', { placementId: 'p1', candidateId: 'c1', jobId: 'j1', startDate: '03/01/2026' }, 'EMPLOYMENT_CATEGORY / CORPTOCORP / "crop to crop"', null, /no employment category, corp-to-corp flag or position type/],
	])('%s → Skipped with reason, field and value', (_label, input, field, value, reason) => {
		const result = skipped(input, 'mapPlacement');
		expect(result.field).toBe(field);
		expect(result.value).toEqual(value);
		expect(result.reason).toMatch(reason);
		expect(result.jobdiva.placementId).toBeTruthy();
	});

	it('a configured field/value is evidence', () => {
		const input = start({ 'crop to crop': null, 'udf engagement': 'Indep' });
		skipped(input, 'mapPlacement');
		const result = mapped(input, 'mapPlacement', rules({ contractorEvidence: [{ field: 'UDF_ENGAGEMENT', value: '1099, indep' }] }));
		expect(result.gate).toMatchObject({ field: 'udf engagement', value: 'Indep' });
		expect(result.gate!.reason).toMatch(/\(configured\)/);
	});

	it('the Skip List sends matching items to Skipped, before the gate', () => {
		const result = skipped(nestedPlacement(), 'mapPlacement', rules({ skipList: [{ field: 'companyId', value: '501' }] }));
		expect(result).toMatchObject({ field: 'job.COMPANYID', value: '501' });
		expect(result.reason).toMatch(/Skip List/);
	});

	it('candidates and jobs need no evidence by default, but a W-2 sign still skips them', () => {
		mapped(fixture('candidateDetail'), 'mapCandidate');
		expect(skipped({ ...fixture('jobDetail'), POSITIONTYPE: 'Direct Placement' }, 'mapJob').field).toBe('POSITIONTYPE');
		expect(skipped(fixture('jobDetail'), 'mapJob', rules({ gateAllOperations: true })).reason).toMatch(/"contract" alone/);
	});
});
