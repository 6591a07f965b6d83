/**
 * An action that runs one at a time: a call made while the last one is still on its way is dropped. A mouse double
 * click submits a form twice within ~100 ms, before the first write has committed and cleared the field, so a goal, an
 * agreement or a text answer was stored twice (review "tat", finding 3). A call after the last one has finished runs.
 * With `keyOf`, one at a time per key: a second "Følg op" on the same goal is dropped, one on the next goal is not (it
 * was, while the first waited for its row to leave, and a quick adviser's click did nothing).
 */
export function oneAtATime<A extends unknown[]>(
	action: (...args: A) => Promise<unknown>,
	keyOf: (...args: A) => string = () => ''
): (...args: A) => Promise<void> {
	const running = new Set<string>();
	return async (...args) => {
		const key = keyOf(...args);
		if (running.has(key)) return;
		running.add(key);
		try {
			await action(...args);
		} finally {
			running.delete(key);
		}
	};
}

/**
 * A click handler that acts on a single click, a tap or a key (detail 0), never on the second click of a double click.
 * Where a row leaves a list, the next row's button moves up under the pointer: the second click of a double click on
 * "Slet" or "Følg op" deleted or followed up the next goal too.
 */
export function singleClick(act: () => unknown): (event: MouseEvent) => void {
	return (event) => {
		if (event.detail < 2) void act();
	};
}
