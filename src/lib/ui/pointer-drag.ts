import type { Attachment } from 'svelte/attachments';

/** How far a finger may wander before a press becomes a drag, in CSS pixels; less stays a tap. */
const DRAG_THRESHOLD = 8;

export interface DragHandlers {
	/** The press became a drag. */
	start(): void;
	/** The pointer moved by dx, dy since the press, and is now at x, y on the page (client coordinates). */
	move(dx: number, dy: number, x: number, y: number): void;
	/** Let go at x, y. */
	drop(x: number, y: number): void;
	/** The browser took the pointer away (a scroll, a second finger, a system gesture). */
	cancel(): void;
}

/**
 * Drag by pointer events, so touch, pen and mouse work alike. A press that does not move is left to the
 * element's own click (tap-tap and keyboard stay the same path); a drag swallows the click it ends with.
 */
export function pointerDrag(handlers: DragHandlers): Attachment<HTMLElement> {
	return (node) => {
		let press: { id: number; x: number; y: number; dragging: boolean } | undefined;
		let swallowClick = false;

		const down = (event: PointerEvent) => {
			if (press || !event.isPrimary || event.button !== 0) return;
			press = { id: event.pointerId, x: event.clientX, y: event.clientY, dragging: false };
			try {
				node.setPointerCapture(event.pointerId);
			} catch {
				// A pointer the browser no longer knows: the drag still follows the events that arrive.
			}
		};
		const move = (event: PointerEvent) => {
			if (!press || event.pointerId !== press.id) return;
			const dx = event.clientX - press.x;
			const dy = event.clientY - press.y;
			if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
			if (!press.dragging) {
				press.dragging = true;
				handlers.start();
			}
			event.preventDefault();
			handlers.move(dx, dy, event.clientX, event.clientY);
		};
		const up = (event: PointerEvent) => {
			if (!press || event.pointerId !== press.id) return;
			const dragged = press.dragging;
			press = undefined;
			if (!dragged) return;
			swallowClick = true;
			// A drag that ends outside the element sends no click; the flag must not eat the next real one.
			setTimeout(() => (swallowClick = false), 0);
			handlers.drop(event.clientX, event.clientY);
		};
		const cancel = (event: PointerEvent) => {
			if (!press || event.pointerId !== press.id) return;
			const dragged = press.dragging;
			press = undefined;
			if (dragged) handlers.cancel();
		};
		const click = (event: MouseEvent) => {
			if (!swallowClick) return;
			swallowClick = false;
			event.preventDefault();
			event.stopImmediatePropagation();
		};

		node.addEventListener('pointerdown', down);
		node.addEventListener('pointermove', move);
		node.addEventListener('pointerup', up);
		node.addEventListener('pointercancel', cancel);
		node.addEventListener('click', click, true);
		return () => {
			node.removeEventListener('pointerdown', down);
			node.removeEventListener('pointermove', move);
			node.removeEventListener('pointerup', up);
			node.removeEventListener('pointercancel', cancel);
			node.removeEventListener('click', click, true);
		};
	};
}

/** The value of `data-drop` on the drop zone under a point, looking past the element being dragged (`data-dragging`). */
export function dropZoneAt(x: number, y: number): string | undefined {
	for (const element of document.elementsFromPoint(x, y)) {
		if (element.closest('[data-dragging]')) continue;
		const zone = element.closest<HTMLElement>('[data-drop]');
		if (zone) return zone.dataset.drop;
	}
	return undefined;
}
