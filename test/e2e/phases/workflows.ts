/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { CredentialFile } from '../lib/credentials';
import type { N8nRest, NodeTypeDescription, Workflow } from '../lib/n8nRest';
import { bindCredentials } from '../lib/nodeTypes';
import type { TemplateFile } from '../lib/templates';
import type { VersionRun } from '../runVersion';

export interface ImportedWorkflow {
	template: TemplateFile;
	id: string;
}

/**
 * Finds each imported template in n8n (by its `name`), checks n8n stored its nodes as they are in the file, and
 * binds the imported credentials to the nodes that need them, as a user picks a credential after importing a
 * template. A template may already reference the credential by name (n8n binds those on import); the rest are
 * bound with PATCH /rest/workflows/:id. The template files themselves are never changed.
 */
export async function bindImportedWorkflows(
	run: VersionRun,
	rest: N8nRest,
	templates: TemplateFile[],
	types: NodeTypeDescription[],
	credentials: CredentialFile[],
): Promise<ImportedWorkflow[]> {
	const available = Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	const listed = await rest.workflows();
	const imported: ImportedWorkflow[] = [];
	for (const template of templates) {
		const file = template.file.split('/').pop();
		const match = listed.find((w) => (template.id ? w.id === template.id : w.name === template.name));
		if (!run.report.check(`${file} is imported as workflow "${template.name}"`, match !== undefined, listed.map((w) => w.name))) continue;
		const workflow = await rest.workflow(match!.id);
		run.report.equal(`${file}: n8n stored the template's nodes unchanged`, nodeShapes(workflow.nodes), nodeShapes(template.nodes as Workflow['nodes']));
		const boundOnImport = workflow.nodes.filter((n) => Object.values(n.credentials ?? {}).some((c) => c.id && Object.values(available).some((a) => a.id === c.id)));
		const changed = bindCredentials(workflow.nodes, types, available);
		if (changed.length > 0) {
			await rest.updateWorkflow(workflow.id, { nodes: workflow.nodes, connections: workflow.connections, versionId: workflow.versionId });
		}
		console.log(`    ${file}: credentials bound on import: ${boundOnImport.length}, bound now: ${changed.length} (${changed.join(', ') || '-'})`);
		const stored = await rest.workflow(workflow.id);
		const unbound = stored.nodes.filter((n) => bindCredentials([structuredClone(n)], types, available).length > 0).map((n) => n.name);
		run.report.equal(`${file}: every node that needs an imported credential has it`, unbound, []);
		imported.push({ template, id: workflow.id });
	}
	return imported;
}

/** What an import must keep: each node's name, type, typeVersion and parameters (n8n adds ids and credentials). */
function nodeShapes(nodes: Workflow['nodes']): unknown[] {
	return nodes
		.map((n) => ({ name: n.name, type: n.type, typeVersion: n.typeVersion, parameters: n.parameters ?? {} }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
