import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '#lib/domain/over-time.ts';
import { loadLanguage, locale } from '#lib/i18n/index.svelte.ts';
import { rowWho, seriesLabel, seriesMeanNote } from './over-time.ts';
import { meetingWith } from '#lib/domain/meeting.test-data.ts';

const meeting = meetingWith(['Karen', 'borger'], ['Lise', 'paaroerende']);
const line = (key: Series['key'], questions: string[]): Series => ({ key, questions, points: [] });

beforeAll(() => loadLanguage('en'));
afterEach(() => {
	locale.language = 'da';
});

describe('the labels of "Over tid"', () => {
	it('mark a line that averages several questions as a mean and name the questions', () => {
		const feedback = line('feedback', ['feedback-lyttede', 'feedback-vigtigt', 'feedback-maaden', 'feedback-hele-moedet']);
		// It read "Hvordan var mødet?" over one figure made of four questions' answers.
		expect(seriesLabel(feedback)).toBe('Hvordan var mødet? (gennemsnit)');
		expect(seriesMeanNote(feedback)).toBe(
			'»Hvordan var mødet?« er gennemsnittet af svarene på 4 spørgsmål: »Lyttede vi til dig?«, »Talte vi om det, der er vigtigt for dig?«, »Var det en god måde at tale sammen på?« og »Hvordan var mødet for dig?«.'
		);
		locale.language = 'en';
		expect(seriesLabel(feedback)).toBe('How was the meeting? (mean)');
		expect(seriesMeanNote(line('feedback', ['feedback-lyttede', 'feedback-vigtigt']))).toBe(
			'"How was the meeting?" is the mean of the answers to 2 questions: "Did we listen to you?" and "Did we talk about what matters to you?".'
		);
	});

	it('name a theme’s own card and its sub-themes when a theme’s line averages them', () => {
		expect(seriesMeanNote(line('theme:relationer', ['relationer', 'kontakt-med-andre']))).toBe(
			'»Mig og andre mennesker« er gennemsnittet af svarene på 2 spørgsmål: »Mig og andre mennesker« og »Kontakt med andre«.'
		);
	});

	it('keep the plain name of a line with one question', () => {
		const checkIn = line('check-in', ['check-in-i-dag']);
		expect(seriesLabel(checkIn)).toBe('Hvordan går det?');
		expect(seriesMeanNote(checkIn)).toBeUndefined();
	});

	it('say who answered a row: the citizen, the person who relayed, or several', () => {
		expect(rowWho({ mode: 'selv' }, meeting, 'Karen')).toBe('Karen selv');
		expect(rowWho({ mode: 'formidlet', participantId: 'p-lise' }, meeting, 'Karen')).toBe('Lise (familie eller ven) på vegne af Karen');
		expect(rowWho('mixed', meeting, 'Karen')).toBe('Flere');
		locale.language = 'en';
		expect(rowWho('mixed', meeting, 'Karen')).toBe('Several');
	});
});
