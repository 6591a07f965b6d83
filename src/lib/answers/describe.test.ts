import { describe, expect, it } from 'vitest';
import { validateContent, type AnswerContent } from '#lib/domain/answer.ts';
import { scaleById } from '#lib/content/scales.ts';
import { choiceKeyOf, correctionChoices, describeContent, describeSubject } from './describe.ts';

describe('answer descriptions', () => {
	it('read every kind of content in plain Danish', () => {
		const cases: Array<[AnswerContent, string]> = [
			[{ kind: 'core', value: 'forstaar-ikke' }, 'Forstår ikke'],
			[{ kind: 'message', items: [{ label: 'vil gerne' }, { label: 'bus' }] }, 'vil gerne bus'],
			[{ kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' }, 'Godt'],
			[{ kind: 'no-answer', reason: 'ikke-talt-om' }, 'Ikke talt om'],
			[{ kind: 'mark', mark: 'vigtigt' }, 'Vigtigt for mig'],
			[{ kind: 'text', text: 'Jeg vil bo selv', quote: true }, '»Jeg vil bo selv«'],
			[{ kind: 'photo', mediaId: 'p1' }, 'Et foto'],
			[{ kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' }, 'Tæt på'],
			[{ kind: 'mark', mark: 'med-til-moeder' }, 'Med til mine møder']
		];
		for (const [content, text] of cases) expect(describeContent(content)).toBe(text);
	});

	it('read a scale point and a ring of the network map in the language asked for, by their ids, whatever screen stored them', () => {
		// Given on a Danish screen, read in English; given on an English screen, read in Danish.
		expect(describeContent({ kind: 'placement', zoneId: 'laengere-vaek', label: 'Længere væk' }, 'en')).toBe('Further away');
		expect(describeContent({ kind: 'placement', zoneId: 'midt-imellem', label: 'In between' }, 'da')).toBe('Midt imellem');
		expect(describeContent({ kind: 'scale', scaleId: 'tre-punkt', pointId: 'ikke-godt', label: 'Ikke godt' }, 'en')).toBe('Not good');
		expect(describeContent({ kind: 'scale', scaleId: 'ansigter', pointId: 'rigtig-godt', label: 'Very good' }, 'da')).toBe('Rigtig godt');
		// A ring or point no longer in the content keeps the words it was given with.
		expect(describeContent({ kind: 'placement', zoneId: 'et-andet-sted', label: 'Et andet sted' }, 'en')).toBe('Et andet sted');
		expect(describeContent({ kind: 'scale', scaleId: 'tre-punkt', pointId: 'fjernet', label: 'Fjernet' }, 'en')).toBe('Fjernet');
	});

	it('offer the points of the same scale and the no-answer states as corrections, each a valid answer', () => {
		const scale = scaleById('tre-punkt')!;
		const choices = correctionChoices({ kind: 'scale', scaleId: scale.id, pointId: 'godt', label: 'Godt' })!;
		expect(choices.map((c) => c.label)).toEqual(['Godt', 'Både og', 'Ikke godt', 'Vil ikke svare', 'Ikke talt om']);
		for (const choice of choices) expect(validateContent(choice.content)).toEqual(choice.content);
		expect(choices.map((c) => c.key)).toContain(choiceKeyOf({ kind: 'no-answer', reason: 'vil-ikke-svare' }));
		expect(correctionChoices({ kind: 'core', value: 'ja' })).toHaveLength(7);
		expect(correctionChoices({ kind: 'message', items: [{ label: 'bus' }] })).toBeUndefined();
		const rings = correctionChoices({ kind: 'placement', zoneId: 'taet-paa', label: 'Tæt på' })!;
		expect(rings.map((c) => c.label)).toEqual(['Tæt på', 'Midt imellem', 'Længere væk']);
		for (const choice of rings) expect(validateContent(choice.content)).toEqual(choice.content);
		expect(choiceKeyOf({ kind: 'placement', zoneId: 'midt-imellem', label: 'Midt imellem' })).toBe(rings[1]!.key);
		expect(correctionChoices({ kind: 'placement', zoneId: 'et-andet-sted', label: 'Et andet sted' })).toBeUndefined();
	});

	it('name a sheet item, a question card and a person on the network map by their sheet or deck and their own words', () => {
		expect(describeSubject({ kind: 'sheet-item', sheetId: 'trivsel', itemId: 'trivsel-glad' })).toBe('Trivsel · Hvad gør dig glad?');
		expect(describeSubject({ kind: 'question', deckId: 'chime', questionId: 'haab-droemmer-om' })).toBe(
			'CHIME · Håb · Hvad drømmer du om?'
		);
		expect(describeSubject({ kind: 'question', deckId: 'loeft', questionId: 'loeft-et-trin-op' })).toBe(
			'LØFT · Hvad skal der til for ét trin op?'
		);
		expect(describeSubject({ kind: 'network-person', personId: 'p1', name: 'Mor', roleId: 'familie' })).toBe('Netværk · Mor (Familie)');
		expect(describeSubject({ kind: 'network-person', personId: 'p1', name: 'Kim' })).toBe('Netværk · Kim');
		// Content that is gone (a municipality removed the item) still names the tool.
		expect(describeSubject({ kind: 'sheet-item', sheetId: 'trivsel', itemId: 'fjernet' })).toBe('Samtaleark');
		expect(describeSubject({ kind: 'core-board' })).toBe('Svartavlen');
		// A meeting part by its step and question: "Mødet" alone told the check-in's "Godt" from the feedback's in no list.
		expect(describeSubject({ kind: 'meeting-part', part: 'check-in', itemId: 'check-in-i-dag' })).toBe(
			'Hvordan går det? · Hvordan har du det i dag?'
		);
		expect(describeSubject({ kind: 'meeting-part', part: 'feedback', itemId: 'feedback-lyttede' })).toBe(
			'Hvordan var mødet? · Lyttede vi til dig?'
		);
		expect(describeSubject({ kind: 'meeting-part', part: 'preparation', itemId: 'tale-om' })).toBe('Forberedelse');
		// A view of a goal or an agreement names it, from the meeting's own plan; another plan's or a removed one is named
		// by the tool alone.
		const plan = {
			id: 'plan-1',
			goals: [{ id: 'g1', text: 'Jeg vil selv handle ind', themeIds: [], status: 'aktiv' as const }],
			agreements: [{ id: 'a1', what: 'Lise hjælper med indkøb', who: [], when: 'fredag' }]
		};
		expect(describeSubject({ kind: 'goal', planId: 'plan-1', goalId: 'g1' }, 'da', plan)).toBe('Mål · Jeg vil selv handle ind');
		expect(describeSubject({ kind: 'agreement', planId: 'plan-1', agreementId: 'a1' }, 'da', plan)).toBe(
			'Aftale · Lise hjælper med indkøb'
		);
		expect(describeSubject({ kind: 'goal', planId: 'plan-0', goalId: 'g1' }, 'da', plan)).toBe('Mål');
		expect(describeSubject({ kind: 'agreement', planId: 'plan-1', agreementId: 'fjernet' }, 'da', plan)).toBe('Aftale');
		expect(describeSubject({ kind: 'goal', planId: 'plan-1', goalId: 'g1' })).toBe('Mål');
	});
});
