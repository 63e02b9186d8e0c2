/** Revision files (original upload, generated PDFs, page previews) and revision deletion. */
import { createReadStream } from 'node:fs';

import type { EmulatorResponse } from '../../common/server';
import type { GeneratedFile } from '../files';
import { contentDisposition, generatedPdf, previewPng } from '../files';
import { notFound } from '../input';
import type { Revision } from '../state';
import { revisionView } from '../state';
import type { TflowContext } from './context';
import { apiRoute } from './context';
import { jobEventFields } from './jobs';

const GENERATED_PDFS = {
	lowresFile: { suffix: 'lowres', title: 'Low-resolution PDF' },
	preflightedPdf: { suffix: 'preflighted', title: 'Preflighted production PDF' },
	proof: { suffix: 'proof', title: 'Proof' },
} as const;

function sendFile(res: EmulatorResponse, file: GeneratedFile, fileName: string, mimeType: string) {
	res.header('Content-Disposition', contentDisposition(fileName));
	return res.stream(200, file.size, file.chunks(), mimeType);
}

export function registerRevisionRoutes(ctx: TflowContext) {
	const { state } = ctx;
	const findRevision = (id: string): Revision => {
		const revision = /^\d+$/.test(id) ? state.revisions.get(Number(id)) : undefined;
		if (!revision) throw notFound('Revision', id);
		return revision;
	};
	const jobName = (revision: Revision) => state.jobs.get(revision.job_id)?.name ?? `job${revision.job_id}`;

	apiRoute(ctx, 'GET', '/revision/:id', (req) => revisionView(findRevision(req.params.id)));

	apiRoute(ctx, 'GET', '/revision/:id/originalFile', async (req, res) => {
		const revision = findRevision(req.params.id);
		res.header('Content-Disposition', contentDisposition(revision.file_name));
		const source = revision.source;
		const chunks = source.kind === 'upload' ? createReadStream(source.path) : generatedPdf(source.lines).chunks();
		await res.stream(200, revision.file_size, chunks, revision.mime_type);
	});

	for (const [route, { suffix, title }] of Object.entries(GENERATED_PDFS)) {
		apiRoute(ctx, 'GET', `/revision/:id/${route}`, async (req, res) => {
			const revision = findRevision(req.params.id);
			const name = jobName(revision);
			const lines = [`${title}`, `Job ${name}, revision ${revision.number}`, `Artwork ${revision.file_name}`, `SHA-256 ${revision.sha256}`];
			await sendFile(res, generatedPdf(lines, ctx.config.generatedFileBytes), `${name}_r${revision.number}_${suffix}.pdf`, 'application/pdf');
		});
	}

	apiRoute(ctx, 'GET', '/revision/:id/preview/:pageNo', (req, res) => {
		const revision = findRevision(req.params.id);
		const page = req.params.pageNo;
		if (!/^\d+$/.test(page) || Number(page) < 1) throw notFound('Page', page);
		const png = previewPng(`${revision.id}:${revision.sha256}`, Number(page));
		res.header('Content-Disposition', contentDisposition(`${jobName(revision)}_r${revision.number}_page${Number(page)}.png`));
		res.send(200, png, 'image/png');
	});

	apiRoute(ctx, 'DELETE', '/revision/:id', (req) => {
		const revision = findRevision(req.params.id);
		state.discardRevisionFile(revision);
		state.revisions.delete(revision.id);
		const job = state.jobs.get(revision.job_id);
		if (job) ctx.webhooks.publish('revision.delete', { ...jobEventFields(ctx, job), revision_id: revision.id });
		return { id: revision.id, deleted: true };
	});
}
