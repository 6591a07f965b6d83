import { browser } from '$app/env';
import { page } from '$app/state';

/**
 * A query-string value, read only in the browser: the pages are prerendered once as a shell (header
 * and "Henter …") and the id in the query picks the citizen, meeting or board after that.
 */
export function queryParam(name: string): string {
	return browser ? (page.url.searchParams.get(name) ?? '') : '';
}
