/** Test and sandbox controls under /__control (the common framework adds log, faults and latency). */
import { HttpError } from '../../common/server';
import { applyConfig } from '../config';
import { stateSnapshot } from '../state';
import type { EventFields } from '../webhooks';
import type { TflowContext } from './context';

/** Resets the data to the seed (or to nothing) and forgets deliveries; tokens, config and the request log stay. */
export async function resetEmulator(ctx: TflowContext) {
	await ctx.webhooks.flush();
	await ctx.state.reset(ctx.seed);
	ctx.webhooks.clear();
}

/**
 * Fires an event to its subscribers now. Fields that follow from a given `job_id` (order, company)
 * are filled in unless given, so a test can fire `job.approve` for a real job with one field.
 */
export function fireEvent(ctx: TflowContext, event: string, fields: EventFields = {}) {
	const job = fields.job_id === undefined ? undefined : ctx.state.jobs.get(Number(fields.job_id));
	const derived: EventFields = job ? { order_id: job.order_id, client_id: ctx.state.clientOfJob(job) } : {};
	return ctx.webhooks.fire(event, { job_id: fields.job_id, ...derived, ...fields });
}

export function registerControlRoutes(ctx: TflowContext) {
	const { server, tokens, webhooks } = ctx;

	server.route('GET', '/__control/state', (_req, res) =>
		res.json(200, { ...stateSnapshot(ctx.state), tokens: { requests: tokens.requests, issued: tokens.issued, active: tokens.active } }),
	);
	server.route('GET', '/__control/config', (_req, res) => res.json(200, ctx.config));
	server.route('PATCH', '/__control/config', (req, res) => res.json(200, applyConfig(ctx.config, req.body)));
	server.route('POST', '/__control/expire-tokens', (_req, res) => {
		tokens.expireAll();
		res.json(200, { expired: true });
	});
	server.route('GET', '/__control/token-requests', (_req, res) =>
		res.json(200, { tokenRequests: tokens.requests, tokensIssued: tokens.issued }),
	);
	server.route('POST', '/__control/reset', async (_req, res) => {
		await resetEmulator(ctx);
		res.json(200, { reset: true, seeded: ctx.seed });
	});

	const eventOf = (body: Record<string, unknown>) => {
		const { event, count: _count, concurrency: _concurrency, ...fields } = body;
		if (typeof event !== 'string' || !event) throw new HttpError(400, { error: 'bad_request', message: 'event is required' });
		return { event, fields: fields as EventFields };
	};
	server.route('POST', '/__control/fire', async (req, res) => {
		const { event, fields } = eventOf(req.body);
		res.json(200, { deliveries: await fireEvent(ctx, event, fields) });
	});
	server.route('POST', '/__control/burst', async (req, res) => {
		const { event, fields } = eventOf(req.body);
		const count = Math.max(0, Number(req.body.count ?? 1));
		const concurrency = Math.max(1, Number(req.body.concurrency ?? 1));
		res.json(200, await webhooks.burst(event, fields, count, concurrency));
	});
	server.route('GET', '/__control/deliveries', (_req, res) => res.json(200, webhooks.deliveries));
	// A long job list: `count` copies of job `jobId` (default 1) with `descriptionBytes`-long descriptions.
	server.route('POST', '/__control/job-copies', (req, res) => {
		const count = Number(req.body.count ?? 0);
		const descriptionBytes = Number(req.body.descriptionBytes ?? 0);
		if (!(count >= 0 && descriptionBytes >= 0)) throw new HttpError(400, { error: 'bad_request', message: 'count and descriptionBytes must be numbers >= 0' });
		res.json(200, ctx.state.addJobCopies(Number(req.body.jobId ?? 1), count, descriptionBytes));
	});
	server.route('DELETE', '/__control/deliveries', (_req, res) => {
		webhooks.clear();
		res.json(200, { cleared: true });
	});
}
