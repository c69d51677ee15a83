import { fixturesForToday } from '../../demo/timeShift';
import type { StandinFixtures } from '../../jobdiva-standin';

/**
 * JobDiva stand-in fixtures holding `count` first-time contractor placements for the shipped placement template:
 * each a copy of the demo's Marcus Webb placement (45680: corp-to-corp, Contoso Logistics, day rate) with its own
 * candidate (own email), job and placement IDs, hired within the last 30 days so "Run now" reads it. Every 100th
 * (index 50, 150, …) ends before it starts, so the template must report it under "Needs fixing in JobDiva".
 */

export const hasBadDates = (index: number) => index % 100 === 50;

export function placementIdOf(index: number): string {
	return String(600000 + index);
}

/** The JobDiva candidate and job of a placement made here. */
export function idsOf(placementId: string): { candidateId: string; jobId: string } {
	const index = Number(placementId) - 600000;
	return { candidateId: String(400000 + index), jobId: String(500000 + index) };
}

export function standinPlacements(count: number): StandinFixtures {
	const base = fixturesForToday();
	const activity = base.activities.find((a) => String(a.row.ACTIVITYID) === '45680')!;
	const hire = base.hires.find((h) => h.placementId === '45680')!;
	const start = base.starts.find((r) => String(r.id) === '45680')!;
	const candidate = base.candidates.find((c) => String(c.ID) === String(activity.row.CANDIDATEID))!;
	const job = base.jobs.find((j) => String(j.ID) === String(activity.row.JOBID))!;
	const candidates = [];
	const jobs = [];
	const activities = [];
	const hires = [];
	const starts = [];
	for (let index = 0; index < count; index++) {
		const placementId = placementIdOf(index);
		const { candidateId, jobId } = idsOf(placementId);
		candidates.push({ ...candidate, ID: candidateId, FIRSTNAME: `Marcus${index}`, EMAIL: `marcus.${index}@example.com` });
		jobs.push({ ...job, ID: jobId });
		const dates = hasBadDates(index) ? { STARTDATE: activity.row.ENDDATE, ENDDATE: activity.row.STARTDATE } : {};
		activities.push({ at: activity.at, row: { ...activity.row, ACTIVITYID: placementId, CANDIDATEID: candidateId, JOBID: jobId, ...dates } });
		hires.push({ ...hire, placementId });
		// The searchStart record too, so the stand-in's admin endpoints can change the placement.
		starts.push({ ...start, id: Number(placementId), 'candidate id': Number(candidateId), 'job id': Number(jobId), 'candidate email': `marcus.${index}@example.com` });
	}
	return { ...base, candidates, jobs, activities, hires, starts, billing: [], salary: [] };
}
