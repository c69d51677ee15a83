import type { N8nRest, NodeTypeDescription } from '../lib/n8nRest';
import { describeNode, OUR_NODE_TYPES, versionsOf } from '../lib/nodeTypes';
import { templateFiles } from '../lib/templates';
import type { VersionRun } from '../runVersion';

/**
 * Asserts from /types/nodes.json (what the editor itself loads) that n8n loaded each of our node types, and that
 * every node of every template, ours and n8n's own, exists in this n8n with the template's typeVersion.
 */
export async function checkLoadedNodes(run: VersionRun, rest: N8nRest): Promise<NodeTypeDescription[]> {
	const types = await rest.nodeTypes();
	run.report.check(`nodes.json lists n8n's own nodes (${types.length} descriptions)`, types.some((t) => t.name === 'n8n-nodes-base.manualTrigger'));
	for (const name of OUR_NODE_TYPES) {
		const found = types.find((t) => t.name === name);
		run.report.check(`nodes.json lists ${name}${found ? ` v${versionsOf(found).join(',')}` : ''}`, found !== undefined);
	}
	const policyNode = types.find((t) => t.name === 'n8n-nodes-ten99policy.ten99Policy');
	run.report.check('the 1099Policy node offers versions 1 (saved workflows) and 2', policyNode !== undefined && versionsOf(policyNode).join(',') === '1,2');
	// The editor's schema preview: n8n serves our node's output schema from dist/nodes/Ten99Policy/__schema__.
	const schema = await rest.outputSchema('n8n-nodes-ten99policy.ten99Policy', '2.0.0', 'contractor', 'get');
	const fields = Object.keys((schema?.properties as Record<string, unknown> | undefined) ?? {});
	run.report.check(`n8n serves the output schema of 1099Policy v2 Contractor → Get (${fields.join(', ') || 'none'})`, fields.includes('email'));
	for (const template of templateFiles()) {
		const file = template.file.split('/').pop();
		for (const node of template.nodes) {
			if (node.type === 'n8n-nodes-base.stickyNote') continue;
			run.report.check(`${file}: node "${node.name}" is ${node.type} v${node.typeVersion}, known to this n8n`, describeNode(types, node) !== undefined);
		}
	}
	return types;
}
