/**
 * papilio's editor pages that the API document sends users to: /edit/create/{template id},
 * /edit/clone_from/{example order id} and /translation/edit/{order id}. The real pages are the
 * browser editor behind a login; here each answers a small HTML page naming its target, or 404 when
 * the id names nothing that page could open, so tests can follow a link the node built.
 */
import type { EmulatorResponse, EmulatorServer } from '../common/server';
import type { PapilioState } from './state';

function page(res: EmulatorResponse, found: string | undefined, what: string) {
	if (found === undefined) return res.text(404, `<!doctype html><title>papilio</title><p>No ${what}</p>`, 'text/html; charset=utf-8');
	return res.text(200, `<!doctype html><title>papilio editor</title><p>${found}</p>`, 'text/html; charset=utf-8');
}

export function registerEditorPages(server: EmulatorServer, state: PapilioState) {
	const idOf = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN);
	server.route('GET', '/edit/create/:id', (req, res) => {
		const template = state.templates.find((candidate) => candidate.id === idOf(req.params.id) && candidate.type === 'template' && candidate.active);
		page(res, template && `New order from template ${template.id}: ${template.title}`, 'such template');
	});
	server.route('GET', '/edit/clone_from/:id', (req, res) => {
		const example = state.orders.find((order) => order.id === idOf(req.params.id) && order.example_of !== undefined && !order.deleted);
		page(res, example && `New order cloned from example ${example.id}: ${example.title}`, 'such example publication');
	});
	server.route('GET', '/translation/edit/:id', (req, res) => {
		const translation = state.orders.find((order) => order.id === idOf(req.params.id) && order.translation_of !== undefined && !order.deleted);
		page(res, translation && `Translation ${translation.id} of order ${translation.translation_of}: ${translation.title}`, 'such translation');
	});
}
