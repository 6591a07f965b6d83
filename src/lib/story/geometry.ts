import type { Rect } from '#lib/domain/story.ts';

/** A box in canvas units as CSS, in percent of the canvas: the story looks the same on every screen size. */
export function boxStyle(box: Rect, canvas: { width: number; height: number }): string {
	const pct = (value: number, total: number) => `${(value / total) * 100}%`;
	return `left:${pct(box.x, canvas.width)};top:${pct(box.y, canvas.height)};width:${pct(box.w, canvas.width)};height:${pct(box.h, canvas.height)}`;
}
