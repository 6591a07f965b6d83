/**
 * An action that runs one at a time per key: a call made while the last one for its key is still on its way is dropped.
 * A second "Følg op" on the same goal is dropped (a double click's second carry repeated the goal), one on the next goal
 * is not (it was, while the first waited for its row to leave, and a quick adviser's click did nothing).
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
 * A form's submit that runs one after another: a submit made while the last one is being stored runs once that is done
 * (several made meanwhile run once). The action reads its fields when it runs and empties them when what it stored is
 * still what they hold. A mouse double click submits twice within ~100 ms, before the first write has committed: its
 * second submit now finds the field emptied and stores nothing (a goal, an agreement or a text answer was stored twice,
 * review "tat", finding 3). Dropping that submit instead also dropped the next goal typed and sent while the first was
 * still on its way: the click did nothing and the text stayed in the field.
 */
export function oneAfterAnother(action: () => Promise<unknown>): () => Promise<void> {
	let running: Promise<void> | undefined;
	let next: Promise<void> | undefined;
	const run = async () => {
		try {
			await action();
		} finally {
			running = undefined;
		}
	};
	return () => {
		if (!running) return (running = run());
		next ??= running
			.then(
				() => undefined,
				() => undefined
			)
			.then(() => {
				next = undefined;
				return (running = run());
			});
		return next;
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
