/**
 * `done` turns true once a frame has been painted after `ready()` became true. Reads that grow with the years of use
 * (every answer of a citizen) wait for it: started in the same frame, their work on the main thread (opening and checking
 * thousands of records) held back the paint of what the page was opened for (issue 17, measured by the bench's years rows).
 * Must be created while a component initialises.
 */
export class PaintedAfter {
	done = $state(false);

	constructor(ready: () => boolean) {
		$effect(() => {
			if (this.done || !ready()) return;
			let timer: ReturnType<typeof setTimeout> | undefined;
			// The frame callback runs before that frame's paint; the task after it runs once the paint is done.
			const frame = requestAnimationFrame(() => (timer = setTimeout(() => (this.done = true))));
			return () => {
				cancelAnimationFrame(frame);
				clearTimeout(timer);
			};
		});
	}
}
