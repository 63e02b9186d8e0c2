/** The papilio message picker: messages you received, unread first; the one picked is the one marked read. */
import { useWorld } from './world';

const world = useWorld();

const loadMessages = async () =>
	await world.harness.loadOptions('papilio', 'getReceivedMessages', { authentication: 'papilioApi', resource: 'message', operation: 'markAsRead' }, [
		'papilioApi',
	]);

test('lists the messages you received, unread first, by subject and sender; the one picked is marked read', async () => {
	const options = await loadMessages();
	expect(options.map((option) => [option.name, option.value])).toEqual([
		['Auftrag 51045 wartet auf Freigabe – from Claudia Keller (unread)', '2460'],
		['Korrektur Flyer Herbstmarkt – from Daniel Müller', '2462'],
	]);
	expect(options[0].description).toMatch(/^Message ID 2460, \d{4}-\d\d-\d\d \d\d:\d\d/);
	expect(world.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/messages/received']);

	const run = await world.run({ resource: 'message', operation: 'markAsRead', messageId: options[0].value });
	expect(run.items[0].json).toEqual({ id: '2460', read: true, success: true });
	expect(world.apiCalls('POST').map((call) => call.path)).toEqual(['/api/v1/messages/read/2460']);

	// Now read, it moves behind the unread ones (none are left) and loses its marker.
	expect((await loadMessages()).map((option) => option.name)).toEqual([
		'Auftrag 51045 wartet auf Freigabe – from Claudia Keller',
		'Korrektur Flyer Herbstmarkt – from Daniel Müller',
	]);
});
