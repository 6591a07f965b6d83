/**
 * A frame that scrolls a picture wider than the screen (the network map at 320 px) is a tab stop of its own while it
 * scrolls, so the arrow keys can move it as a finger does (WCAG 2.1.1; axe's scrollable-region-focusable): the map's
 * rings are disabled until someone is chosen, and then nothing in the frame took the focus. While everything fits, it
 * is no tab stop. Watched as the frame and what it holds change size.
 */
export function focusableWhileScrolling(frame: HTMLElement): () => void {
	const update = () => {
		const scrolls = frame.scrollWidth > frame.clientWidth || frame.scrollHeight > frame.clientHeight;
		if (scrolls) frame.tabIndex = 0;
		else frame.removeAttribute('tabindex');
	};
	const observer = new ResizeObserver(update);
	observer.observe(frame);
	for (const child of frame.children) observer.observe(child);
	update();
	return () => observer.disconnect();
}
