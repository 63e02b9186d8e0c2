/** Dynamic property definitions: GET prop/{entityType}. */
import { tflowError } from '../input';
import type { TflowContext } from './context';
import { apiRoute } from './context';

export function registerPropRoutes(ctx: TflowContext) {
	apiRoute(ctx, 'GET', '/prop/:entityType', (req) => {
		const definitions = ctx.state.propDefinitions.get(req.params.entityType);
		if (definitions) return definitions;
		if (ctx.config.unknownPropEntity === 'empty') return [];
		throw tflowError(404, { entityType: [`Unknown entity type "${req.params.entityType}"`] });
	});
}
