/*
 * What a page holds beyond its fields, such as the message a citizen is building on a board and the folder it is in: a
 * component gives a copy as the soft lock comes and gets it back when it is made again on the same page after the PIN
 * (WCAG 2.2.5, as screen-keeper.ts does for fields). The copy lives only in this tab's memory and is let go when no page
 * took it back soon after the PIN (another page was opened); a hard lock reloads the page and so clears it.
 */
import { onDestroy } from 'svelte';
import { address, RESTORE_WITHIN_MS, stateKeepers } from './screen-keeper.ts';

const holders = new Map<string, () => unknown>();
let kept: { address: string; values: Map<string, unknown> } | undefined;
let letGo: ReturnType<typeof setTimeout> | undefined;

stateKeepers.add({
	keep() {
		clearTimeout(letGo);
		kept = { address: address(), values: new Map([...holders].map(([key, give]) => [key, give()])) };
	},
	restored() {
		letGo = setTimeout(() => (kept = undefined), RESTORE_WITHIN_MS);
	}
});

/**
 * Keeps a component's state through a soft lock: `give` is asked for a copy as the lock comes, and `takeBack` gets that
 * copy when the component is made again on the same page after the PIN. Call it while the component initialises.
 */
export function keepThroughLock<T>(key: string, give: () => T, takeBack: (state: T) => void): void {
	const values = kept?.address === address() ? kept.values : undefined;
	if (values?.has(key)) {
		takeBack(values.get(key) as T);
		values.delete(key);
	}
	holders.set(key, give);
	onDestroy(() => {
		if (holders.get(key) === give) holders.delete(key);
	});
}
