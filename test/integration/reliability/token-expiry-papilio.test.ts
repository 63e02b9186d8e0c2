/**
 * Token expiry with both papilio credentials: the emulator refuses an access token after 5 uses,
 * so 25 items cross several expiries. Every item must succeed, in order and paired, and writes
 * must be applied exactly once (a refused request was not processed, a processed one is not sent
 * again). papilioApi renews through the credential (refresh token, else a new login);
 * papilioOAuth2Api renews at papilio's /oauth/token/refresh.
 */
import type { IDataObject } from 'n8n-workflow';

import { orderById } from '../papilio/world';
import { itemsWithValues, startPapilioBed } from './setup';

type Bed = Awaited<ReturnType<typeof startPapilioBed>>;
let papilio: Bed;

beforeAll(async () => {
	papilio = await startPapilioBed();
});
afterAll(async () => await papilio.stop());
beforeEach(() => papilio.reset());

const ORDERS = [51038, 51041, 51046, 51047, 51048, 51051];

describe.each(['papilioApi', 'papilioOAuth2Api'])('%s: the token expires every 5 uses during 25 items', (authentication) => {
	beforeEach(async () => {
		if (authentication === 'papilioOAuth2Api') await papilio.connectOAuth2();
		papilio.emulator.config.accessTokenMaxUses = 5;
	});
	afterEach(() => {
		papilio.emulator.config.accessTokenMaxUses = 0;
	});

	test('reads: all 25 succeed, in order and paired', async () => {
		const ids = Array.from({ length: 25 }, (_, index) => ORDERS[index % ORDERS.length]);

		const result = await papilio.run(
			{ authentication, resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.value }}' }, options: {} },
			{ input: itemsWithValues(...ids) },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => Number(item.json.id))).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const calls = papilio.apiCalls('GET', /^\/api\/v1\/order\/\d+$/);
		expect(calls.filter((call) => call.status === 200)).toHaveLength(25);
		// Every token was used at most 5 times: the renewals really happened.
		const uses = new Map<string, number>();
		for (const call of calls.filter((entry) => entry.status === 200)) {
			const token = String(call.query.access_token);
			uses.set(token, (uses.get(token) ?? 0) + 1);
		}
		expect(uses.size).toBeGreaterThanOrEqual(5);
		for (const count of uses.values()) expect(count).toBeLessThanOrEqual(5);
	});

	test('writes: 25 updates, each applied exactly once', async () => {
		const titles = Array.from({ length: 25 }, (_, index) => `Inserat ${index + 1}`);

		const result = await papilio.run(
			{ authentication, resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: '={{ $json.value }}' } },
			{ input: itemsWithValues(...titles) },
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(25);
		expect(result.items.map((item) => item.pairedItem)).toEqual(titles.map((_, item) => ({ item })));
		const applied = papilio.apiCalls('POST', '/api/v1/order/51042').filter((call) => call.status === 200);
		expect(applied.map((call) => (call.body as IDataObject).title)).toEqual(titles);
		expect(papilio.emulator.state.orders.find((order) => order.id === 51042)?.title).toBe('Inserat 25');
	});
});
