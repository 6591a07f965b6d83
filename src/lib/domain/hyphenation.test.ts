import { describe, expect, it } from 'vitest';
import { hyphenateDanish, shownLabel, SOFT_HYPHEN } from './hyphenation.ts';
import { longestWordEm } from './label-width.ts';

/** The breaks shown as "-", to read the expectations. */
const parted = (text: string) => hyphenateDanish(text).replaceAll(SOFT_HYPHEN, '-');

describe('hyphenateDanish', () => {
	it('parts the long words of the default boards at their syllables, and their compounds at the joint', () => {
		// Each of these broke between arbitrary letters without a hyphen at 320 px ("kontak/tperso/n", "svøm/mehal").
		const expected = [
			'Mø-de-tav-le',
			'Men-ne-sker',
			'Hver-dag',
			'for-vir-ret',
			'over-ra-sket',
			'ho-ved-pi-ne',
			'ma-ve-pi-ne',
			'kval-me',
			'svim-mel',
			'me-di-cin',
			'sø-sken-de',
			'kæ-re-ste',
			'kon-takt-per-son',
			'pæ-da-gog',
			'råd-gi-ver',
			'bed-ste-mor',
			'grup-pe',
			'ar-bej-de',
			'dag-til-bud',
			'ho-spi-tal',
			'bi-blio-tek',
			'svøm-me-hal',
			'mad-lav-ning',
			'ren-gø-ring',
			'com-pu-ter',
			'te-le-fon',
			'i mor-gen',
			'selv-stæn-dig'
		];
		for (const word of expected) expect(parted(word.replaceAll('-', ''))).toBe(word);
	});

	it('puts a soft hyphen, and nothing else, into the text', () => {
		expect(hyphenateDanish('kontaktperson')).toBe(`kon${SOFT_HYPHEN}takt${SOFT_HYPHEN}per${SOFT_HYPHEN}son`);
		expect(hyphenateDanish('ked af det').replaceAll(SOFT_HYPHEN, '')).toBe('ked af det');
	});

	it('keeps two letters together at either end of a word, and two vowels side by side', () => {
		expect(parted('overrasket')).toBe('over-ra-sket');
		expect(parted('ensom')).toBe('en-som');
		expect(parted('glæde')).toBe('glæ-de');
		expect(parted('ide')).toBe('ide');
		expect(parted('familie')).toBe('fa-mi-lie');
		expect(parted('bibliotek')).toBe('bi-blio-tek');
	});

	it('gives a syllable its first two or three consonants only where Danish syllables begin with them', () => {
		expect(parted('madplan')).toBe('mad-plan');
		expect(parted('sygeplejerske')).toBe('sy-ge-ple-jer-ske');
		expect(parted('hjemmehjælp')).toBe('hjem-me-hjælp');
		expect(parted('badrum')).toBe('bad-rum');
		expect(parted('ekstra')).toBe('ek-stra');
		expect(parted('instruktør')).toBe('in-struk-tør');
	});

	it('leaves words without vowels, abbreviations and what is not a letter as they are', () => {
		expect(hyphenateDanish('TV')).toBe('TV');
		expect(hyphenateDanish('OBF-tavle')).toBe(`OBF-tav${SOFT_HYPHEN}le`);
		expect(hyphenateDanish('12345 ?!')).toBe('12345 ?!');
		expect(hyphenateDanish('psst')).toBe('psst');
		expect(hyphenateDanish('')).toBe('');
	});

	it('reads accented and capital vowels as vowels', () => {
		expect(parted('Ønsker')).toBe('Øn-sker');
		expect(parted('caféer')).toBe('ca-féer');
		expect(parted('ÅRHUS')).toBe('ÅRHUS');
		expect(parted('Århus')).toBe('År-hus');
	});
});

it('shows a label with soft hyphens only where a word may be too wide for the narrowest cell', () => {
	for (const label of ['ja', 'nej', 'mad', 'ved ikke']) expect(shownLabel(label, longestWordEm(label))).toBe(label);
	expect(shownLabel('Mødetavle', longestWordEm('Mødetavle')).replaceAll(SOFT_HYPHEN, '-')).toBe('Mø-de-tav-le');
});
