/**
 * The job categories the sandbox knows. `approved` ones are "pre-approved for your account" and are what
 * `GET /category_codes` lists; an unapproved code is known but refused on jobs with `job_category_not_approved`.
 * `baseRate` is the category's hazard rate in cents of premium per $100 earned (see pricing.ts).
 * `jc_MTqpkbkp6G` is the code used throughout the reference and the integration guide.
 */
export interface JobCategory {
	category_code: string;
	name: string;
	approved: boolean;
	baseRate: number;
}

export const JOB_CATEGORIES: readonly JobCategory[] = [
	{ category_code: 'jc_MTqpkbkp6G', name: 'Field technician (cable and fiber installation)', approved: true, baseRate: 60 },
	{ category_code: 'jc_DATA_ANALYTICS', name: 'Data analytics and reporting', approved: true, baseRate: 12 },
	{ category_code: 'jc_SOFTWARE_DEVELOPMENT', name: 'Software development', approved: true, baseRate: 10 },
	{ category_code: 'jc_GRAPHIC_DESIGN', name: 'Graphic design', approved: true, baseRate: 14 },
	{ category_code: 'jc_CONTENT_WRITING', name: 'Content writing and copy editing', approved: true, baseRate: 11 },
	{ category_code: 'jc_SOCIAL_MEDIA_CREATOR', name: 'Social media content creator', approved: true, baseRate: 18 },
	{ category_code: 'jc_PHOTOGRAPHY', name: 'Photography and videography', approved: true, baseRate: 30 },
	{ category_code: 'jc_CONSULTING', name: 'Management consulting', approved: true, baseRate: 13 },
	{ category_code: 'jc_BOOKKEEPING', name: 'Bookkeeping and accounting', approved: true, baseRate: 11 },
	{ category_code: 'jc_CUSTOMER_SUPPORT', name: 'Customer support (remote)', approved: true, baseRate: 9 },
	{ category_code: 'jc_NURSING_HOME_CARE', name: 'Home health aide', approved: true, baseRate: 95 },
	{ category_code: 'jc_DELIVERY_DRIVER', name: 'Courier and delivery driver', approved: true, baseRate: 120 },
	{ category_code: 'jc_EVENT_STAFF', name: 'Event staff', approved: true, baseRate: 45 },
	{ category_code: 'jc_CLEANING', name: 'Commercial cleaning', approved: true, baseRate: 70 },
	{ category_code: 'jc_ELECTRICIAN', name: 'Electrician', approved: true, baseRate: 150 },
	{ category_code: 'jc_WAREHOUSE', name: 'Warehouse associate', approved: true, baseRate: 110 },
	{ category_code: 'jc_TUTORING', name: 'Tutoring and instruction', approved: true, baseRate: 8 },
	{ category_code: 'jc_TRANSLATION', name: 'Translation and interpretation', approved: true, baseRate: 9 },
	{ category_code: 'jc_ROOFING', name: 'Roofing', approved: true, baseRate: 400 },
	{ category_code: 'jc_DEMOLITION', name: 'Demolition', approved: false, baseRate: 450 },
	{ category_code: 'jc_TREE_TRIMMING', name: 'Tree trimming', approved: false, baseRate: 380 },
	{ category_code: 'jc_SECURITY_GUARD_ARMED', name: 'Armed security guard', approved: false, baseRate: 300 },
];

/** Approved categories whose quotes come back `eligible: false` unless `ineligibleCategories` says otherwise. */
export const DEFAULT_INELIGIBLE_CATEGORIES: readonly string[] = ['jc_ROOFING'];

export function findCategory(code: string): JobCategory | undefined {
	return JOB_CATEGORIES.find((c) => c.category_code === code);
}
