import { isExpression, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { MappingRulesInput } from '../../src/mapping/schemas';

/** Node parameters of item `i` → the mapping rules (fixedCollection wrappers removed). Validation is src/mapping's. */
export function readRules(ctx: IExecuteFunctions, i: number): MappingRulesInput {
	const str = (name: string, fallback = ''): string => {
		const value = ctx.getNodeParameter(name, i, fallback) as unknown;
		return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
	};
	const rows = (name: string, key: string, from: IDataObject = {}): IDataObject[] => {
		const collection = (name in from ? from[name] : ctx.getNodeParameter(name, i, {})) as IDataObject | undefined;
		const list = collection?.[key];
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	};
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const optionRows = (name: string, key: string) => (name in options ? rows(name, key, options) : []);

	return {
		categoryTable: rows('categoryTable', 'rules') as MappingRulesInput['categoryTable'],
		defaultCategoryCode: str('defaultCategoryCode'),
		clientTable: rows('clientTable', 'clients') as MappingRulesInput['clientTable'],
		defaultCoverageTypes: ctx.getNodeParameter('defaultCoverageTypes', i, ['general']) as MappingRulesInput['defaultCoverageTypes'],
		defaultEntity: str('defaultEntity'),
		proxyEmailDomain: typeof options.proxyEmailDomain === 'string' && options.proxyEmailDomain !== '' ? options.proxyEmailDomain : 'relay.example.com',
		timeZone: typeof options.timeZone === 'string' ? options.timeZone : '',
		fallbackTimeZone: ctx.getTimezone(),
		skipList: optionRows('skipList', 'pairs') as MappingRulesInput['skipList'],
		contractorEvidence: optionRows('contractorEvidence', 'pairs') as MappingRulesInput['contractorEvidence'],
		gateAllOperations: options.gateAllOperations === true,
		unitTable: optionRows('unitTable', 'units') as MappingRulesInput['unitTable'],
		successUrlTemplate: str('successUrlTemplate'),
		cancelUrlTemplate: str('cancelUrlTemplate'),
		contractorId: str('contractorId'),
		jobId: str('jobId'),
		quoteId: str('quoteId'),
	};
}

/**
 * True when a parameter of the node holds an expression (anywhere, e.g. in a table row), so the rules may differ per
 * item and are read per item. Otherwise they are the same for every item and are read and parsed once per run.
 */
export function rulesVaryByItem(ctx: IExecuteFunctions): boolean {
	const holds = (value: unknown): boolean =>
		isExpression(value) || (Array.isArray(value) ? value.some(holds) : value !== null && typeof value === 'object' && Object.values(value).some(holds));
	return holds(ctx.getNode().parameters);
}
