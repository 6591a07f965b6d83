/*
 * Board cells keep the colour their board gives them, also one from another app's file that is too dark for the app's
 * dark label text (black, navy, purple). The label is then written in white, or, on a middle tone where neither dark nor
 * white text reaches WCAG's 4.5 : 1, on a small paper-white backdrop of its own, so the cell keeps its colour either way.
 */

/** The app's label text colour (--ink in app.css). */
const INK = '#1a1a1a';
/** WCAG 2.2 AA for text of normal size (SC 1.4.3). */
const MIN_CONTRAST = 4.5;

export type LabelStyle = 'ink' | 'light' | 'backdrop';

/** WCAG relative luminance of '#rrggbb'; undefined for anything else. */
function luminance(colour: string): number | undefined {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
	if (!match) return undefined;
	const [r, g, b] = match.slice(1).map((hex) => {
		const c = parseInt(hex, 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two luminances (WCAG 2.2, "contrast ratio"). */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** How a cell's label is written on `background` ('#rrggbb'; no colour is the paper-white cell: 'ink'). */
export function labelStyleOn(background: string | undefined): LabelStyle {
	const back = background === undefined ? undefined : luminance(background);
	if (back === undefined) return 'ink';
	const ink = contrast(back, luminance(INK)!);
	const white = contrast(back, 1);
	if (ink >= MIN_CONTRAST) return 'ink';
	if (white >= MIN_CONTRAST) return 'light';
	return 'backdrop';
}
