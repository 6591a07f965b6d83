/*
 * A small W3C WebDriver client over plain fetch: just what the WebKit journeys need (sessions, navigation,
 * finding elements, clicks, typing, scripts). WebKitWebDriver speaks this protocol to MiniBrowser.
 */

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
	[ELEMENT]: string;
}

export class WebDriverError extends Error {}

export class Session {
	readonly base: string;
	readonly id: string;

	constructor(base: string, id: string) {
		this.base = base;
		this.id = id;
	}

	static async start(base: string, capabilities: Record<string, unknown>): Promise<Session> {
		const value = (await command(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } })) as { sessionId: string };
		return new Session(base, value.sessionId);
	}

	private call(method: string, path: string, body?: unknown): Promise<unknown> {
		return command(this.base, method, `/session/${this.id}${path}`, body);
	}

	end(): Promise<unknown> {
		return this.call('DELETE', '');
	}

	go(url: string): Promise<unknown> {
		return this.call('POST', '/url', { url });
	}

	refresh(): Promise<unknown> {
		return this.call('POST', '/refresh', {});
	}

	async find(using: 'css selector' | 'xpath', value: string): Promise<ElementRef | undefined> {
		const found = (await this.call('POST', '/elements', { using, value })) as ElementRef[];
		return found[0];
	}

	click(element: ElementRef): Promise<unknown> {
		return this.call('POST', `/element/${element[ELEMENT]}/click`, {});
	}

	async type(element: ElementRef, text: string): Promise<void> {
		await this.call('POST', `/element/${element[ELEMENT]}/clear`, {});
		await this.call('POST', `/element/${element[ELEMENT]}/value`, { text });
	}

	run<T>(script: string, ...args: unknown[]): Promise<T> {
		return this.call('POST', '/execute/sync', { script, args }) as Promise<T>;
	}

	/** Runs an async function body; its result is what the returned promise resolves to. */
	runAsync<T>(body: string, ...args: unknown[]): Promise<T> {
		const script = `const done = arguments[arguments.length - 1]; (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1)).then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`;
		return (this.call('POST', '/execute/async', { script, args }) as Promise<{ ok?: T; error?: string }>).then((result) => {
			if (result.error !== undefined) throw new WebDriverError(result.error);
			return result.ok as T;
		});
	}
}

async function command(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(base + path, {
		method,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const payload = (await response.json()) as { value: unknown };
	if (!response.ok) throw new WebDriverError(`${method} ${path}: ${JSON.stringify(payload.value)}`);
	return payload.value;
}
