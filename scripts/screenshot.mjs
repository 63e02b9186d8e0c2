// Drives headless Chromium over the DevTools protocol (Node 22+ WebSocket): signs in to the
// sandbox's n8n, opens a workflow, runs it and saves a PNG. Called by scripts/screenshot.sh.
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, value, index, all) => (value.startsWith('--') ? [...pairs, [value.slice(2), all[index + 1]]] : pairs), []),
);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const BROWSER_ID = 'print-workflow-screenshot';

async function waitForDevtools() {
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			return await (await fetch(`${args.devtools}/json/version`)).json();
		} catch {
			await sleep(200);
		}
	}
	throw new Error(`Chromium's DevTools did not answer at ${args.devtools}`);
}

function connect(url) {
	const socket = new WebSocket(url);
	const pending = new Map();
	const listeners = [];
	let nextId = 0;
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		if (message.id !== undefined && pending.has(message.id)) {
			const { resolve, reject } = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
			else resolve(message.result);
		} else if (message.method) {
			for (const listener of listeners) listener(message);
		}
	});
	const opened = new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', reject, { once: true });
	});
	return {
		opened,
		send(method, params = {}) {
			const id = ++nextId;
			socket.send(JSON.stringify({ id, method, params }));
			return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
		},
		once(method) {
			return new Promise((resolve) => {
				const listener = (message) => {
					if (message.method !== method) return;
					listeners.splice(listeners.indexOf(listener), 1);
					resolve(message.params);
				};
				listeners.push(listener);
			});
		},
		close: () => socket.close(),
	};
}

async function signIn() {
	const response = await fetch(`${args.n8n}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify({ emailOrLdapLoginId: args.email, password: args.password }),
	});
	const cookie = /n8n-auth=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
	if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
	return cookie[1];
}

async function main() {
	await waitForDevtools();
	const target = await (await fetch(`${args.devtools}/json/new?about:blank`, { method: 'PUT' })).json();
	const page = connect(target.webSocketDebuggerUrl);
	await page.opened;
	await page.send('Page.enable');
	await page.send('Network.enable');
	await page.send('Emulation.setDeviceMetricsOverride', { width: 1600, height: 900, deviceScaleFactor: 1, mobile: false });

	const navigate = async (url) => {
		const loaded = page.once('Page.loadEventFired');
		await page.send('Page.navigate', { url });
		await loaded;
	};
	const evaluate = async (expression) =>
		(await page.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result?.value;

	// The session cookie is bound to a browser id, which the editor keeps in localStorage.
	await navigate(`${args.n8n}/signin`);
	await evaluate(`localStorage.setItem('n8n-browserId', ${JSON.stringify(BROWSER_ID)})`);
	await page.send('Network.setCookie', { name: 'n8n-auth', value: await signIn(), url: args.n8n, httpOnly: true });

	await navigate(`${args.n8n}/workflow/${args.workflow}`);
	for (let attempt = 0; attempt < 60; attempt++) {
		if (await evaluate(`!!document.querySelector('[data-test-id="canvas-node"]')`)) break;
		await sleep(500);
	}
	await sleep(2000);
	// Run it, so the canvas shows the item counts of a successful execution.
	const clicked = await evaluate(`(() => {
		const button = document.querySelector('[data-test-id="execute-workflow-button"]');
		if (button) button.click();
		return !!button;
	})()`);
	if (clicked) await sleep(10000);
	await evaluate(`document.activeElement && document.activeElement.blur()`);
	const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
	writeFileSync(args.out, Buffer.from(data, 'base64'));
	page.close();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`[screenshot] ${error.message}`);
		process.exit(1);
	},
);
