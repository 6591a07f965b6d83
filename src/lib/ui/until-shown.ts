/**
 * Waits (a second at most) until live answers show a saved change. They are read again after the commit, a moment after
 * the save resolves, and what they show moves or goes then: focus set on it before that moment is lost with it.
 */
export async function untilShown(done: () => boolean): Promise<void> {
	for (let frame = 0; frame < 60 && !done(); frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
}
