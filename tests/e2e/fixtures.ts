import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Every test runs with two guards: no request may leave the app's origin (including the service
 * worker's), and the browser must never report a Content-Security-Policy violation.
 */
export const test = base.extend<{ guards: void }>({
	guards: [
		async ({ context, page, baseURL }, use) => {
			const origin = new URL(baseURL!).origin;
			const foreign: string[] = [];
			const cspViolations: string[] = [];
			context.on('request', (request) => {
				const url = request.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				if (new URL(url).origin !== origin) foreign.push(url);
			});
			page.on('console', (message) => {
				if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
			});
			await use();
			expect(foreign, 'requests outside the origin').toEqual([]);
			expect(cspViolations, 'CSP violations').toEqual([]);
		},
		{ auto: true }
	]
});

export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on ${context}`).toEqual([]);
}

export interface RawRecords {
	citizens: Array<{ id: string; createdAt: number; payload: Record<string, unknown> }>;
	meetings: Array<{ id: string; citizenId: string; date: string; payload: Record<string, unknown> }>;
	answers: Array<{ id: string; meetingId: string; citizenId: string; payload: Record<string, any> }>;
	boards: Array<{ id: string; citizenId: string; payload: Record<string, any> }>;
	media: Array<{ id: string; citizenId: string; payload: { kind: string; mimeType: string; blob: { type: string; size: number } } }>;
}

/** Reads what is really stored, straight from IndexedDB, without going through the app's code. */
export async function readDatabase(page: Page): Promise<RawRecords> {
	return page.evaluate(
		() =>
			new Promise<RawRecords>((resolve, reject) => {
				const open = indexedDB.open('billedtale');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = ['citizens', 'meetings', 'answers', 'boards', 'media'] as const;
					const existing = names.filter((n) => db.objectStoreNames.contains(n));
					const result = { citizens: [], meetings: [], answers: [], boards: [], media: [] } as unknown as RawRecords;
					if (existing.length === 0) {
						db.close();
						resolve(result);
						return;
					}
					const tx = db.transaction(existing, 'readonly');
					for (const name of existing) {
						const request = tx.objectStore(name).getAll();
						request.onsuccess = () => {
							(result as unknown as Record<string, unknown[]>)[name] = request.result.map((record) => {
								// Blobs cannot cross back to the test; describe them instead.
								const describe = (value: unknown) => (value instanceof Blob ? { type: value.type, size: value.size } : value);
								const payload = record.payload ?? {};
								if (!(payload.photo instanceof Blob) && !(payload.blob instanceof Blob)) return record;
								return { ...record, payload: { ...payload, photo: describe(payload.photo), blob: describe(payload.blob) } };
							});
						};
					}
					tx.oncomplete = () => {
						db.close();
						resolve(result);
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}
