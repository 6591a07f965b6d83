import type { ElementRef, Session } from './webdriver.ts';

/** The app's screens as a user meets them, for WebDriver: found by visible text and labels, like the Playwright page models. */
export class App {
	readonly session: Session;
	readonly origin: string;

	constructor(session: Session, origin: string) {
		this.session = session;
		this.origin = origin;
	}

	/** Polls a script until it returns something truthy. */
	async waitFor<T>(what: string, script: string, timeoutMs = 15_000, ...args: unknown[]): Promise<T> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.session.run<T>(script, ...args).catch(() => undefined);
			if (value) return value;
			if (Date.now() > until) {
				// What the page shows instead, so a failure on a CI machine can be read without a screenshot.
				const shown = await this.session
					.run<string>(`return location.pathname + location.search + ' | ' + document.body.innerText.slice(0, 600)`)
					.catch(() => '?');
				throw new Error(`WebKit: waited ${timeoutMs} ms for ${what}; the page shows: ${shown}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
	}

	async open(path: string): Promise<void> {
		await this.session.go(this.origin + path);
		await this.ready();
	}

	async ready(): Promise<string | null> {
		await this.waitFor('the app to be ready', `return document.documentElement.dataset.ready === 'true'`, 30_000);
		return this.session.run<string | null>(`return document.querySelector('main.gate')?.dataset.lock ?? null`);
	}

	/** A visible button, link or labelled control by its text; `within` narrows to a CSS scope. */
	async control(kind: 'button' | 'link' | 'label', text: string, within = 'body'): Promise<ElementRef> {
		return this.waitFor<ElementRef>(
			`${kind} "${text}"`,
			`const [kind, text, within] = arguments;
			const scope = document.querySelector(within);
			if (!scope) return null;
			const visible = (el) => el.getClientRects().length > 0;
			const name = (el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim();
			if (kind === 'label') {
				const label = [...scope.querySelectorAll('label')].find((l) => name(l) === text && l.control && visible(l.control));
				return label ? label.control : null;
			}
			const selector = kind === 'button' ? 'button' : 'a[href]';
			// A citizen's card shows the avatar's initials before the name; its title is what names it.
			const named = (el) => name(el) === text || name(el.querySelector('.card-title') ?? document.createElement('i')) === text;
			return [...scope.querySelectorAll(selector)].find((el) => visible(el) && named(el)) ?? null;`,
			15_000,
			kind,
			text,
			within
		);
	}

	async click(kind: 'button' | 'link' | 'label', text: string, within?: string): Promise<void> {
		await this.session.click(await this.control(kind, text, within));
	}

	async fill(label: string, value: string, within?: string): Promise<void> {
		await this.session.type(await this.control('label', label, within), value);
	}

	async fillById(id: string, value: string): Promise<void> {
		const element = await this.waitFor<ElementRef>(`#${id}`, `return document.getElementById(arguments[0])`, 15_000, id);
		await this.session.type(element, value);
	}

	async text(selector: string): Promise<string> {
		return this.session.run<string>(
			`return document.querySelector(arguments[0])?.textContent?.replace(/\\s+/g, ' ').trim() ?? ''`,
			selector
		);
	}

	async see(what: string, selector: string, expected: string, timeoutMs = 15_000): Promise<void> {
		await this.waitFor(
			`${what}: "${expected}"`,
			`const el = document.querySelector(arguments[0]); return !!el && el.textContent.replace(/\\s+/g, ' ').includes(arguments[1]);`,
			timeoutMs,
			selector,
			expected
		);
	}
}
