import { describe, expect, it } from 'vitest';
import { labelStyleOn } from './label-contrast.ts';

describe('labelStyleOn', () => {
	it('keeps the dark label on paper, on light colours and where there is no colour', () => {
		for (const background of [undefined, '#ffffff', '#fff176', '#add8e6', '#e6e6e6', 'not a colour']) {
			expect(labelStyleOn(background), String(background)).toBe('ink');
		}
	});

	it('writes the label in white on colours too dark for it (black, navy, purple, dark green)', () => {
		for (const background of ['#000000', '#000080', '#800080', '#4b0082', '#006400', '#0000ff']) {
			expect(labelStyleOn(background), background).toBe('light');
		}
	});

	it('puts the label on a backdrop of its own on a middle tone where neither reaches 4.5 : 1', () => {
		// Dark text : white on #808080 4.41 : 3.95, on red 4.35 : 4.00; on #767676 3.83 : 4.54 and on #e00000 3.46 : 5.04.
		expect(labelStyleOn('#808080')).toBe('backdrop');
		expect(labelStyleOn('#ff0000')).toBe('backdrop');
		expect(labelStyleOn('#767676')).toBe('light');
		expect(labelStyleOn('#e00000')).toBe('light');
	});
});
