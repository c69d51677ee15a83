/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { ServerResponse } from 'node:http';
import type { SandboxCore } from './core';
import { escapeHtml, sendHtml } from './http';
import { ageToClock, completeSession, sessionEnv } from './resources/sessions';

/**
 * `GET /apply/<ias_id>`: the page a contractor opens from the session's `url`. Opening it completes the application
 * (see completeSession); opening it again shows the result. No API key: the contractor's browser has none.
 */
export function handleApplyPage(core: SandboxCore, res: ServerResponse, id: string): void {
	const env = sessionEnv(core, id);
	if (!env) {
		sendHtml(res, 404, page('Application not found', `<p>No application session ${escapeHtml(id)}.</p>`));
		return;
	}
	ageToClock(core, env);
	let session = core.stores[env].collections.sessions.require(id);
	if (session.status === 'open') session = completeSession(core, env, id);
	const link = (url: unknown, text: string) => (typeof url === 'string' ? `<p><a href="${escapeHtml(url)}">${text}</a></p>` : '');
	switch (session.status) {
		case 'complete':
			sendHtml(res, 200, page('Application complete', `<p>Policy ${escapeHtml(String(session.policy))} is active.</p>${link(session.success_url, 'Continue')}`));
			return;
		case 'ineligible':
			sendHtml(res, 200, page('Not eligible', `<p>The contractor is not eligible for this coverage.</p>${link(session.cancel_url, 'Back')}`));
			return;
		default:
			sendHtml(res, 410, page('Application expired', `<p>Session ${escapeHtml(id)} has expired.</p>${link(session.cancel_url, 'Back')}`));
	}
}

function page(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${title} · 1099Policy sandbox</title></head><body><h1>${title}</h1>${body}</body></html>`;
}
