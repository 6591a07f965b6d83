/**
 * An action that runs one at a time: a call made while the last one is still on its way is dropped. A mouse double
 * click submits a form twice within ~100 ms, before the first write has committed and cleared the field, so a goal, an
 * agreement or a text answer was stored twice (review "tat", finding 3). A call after the last one has finished runs.
 */
export function oneAtATime<A extends unknown[]>(action: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
	let running = false;
	return async (...args) => {
		if (running) return;
		running = true;
		try {
			await action(...args);
		} finally {
			running = false;
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
