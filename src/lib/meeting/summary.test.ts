import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeContent } from '#lib/answers/describe.ts';
import type { AnswerSubject } from '#lib/domain/answer.ts';
import { loadLanguage, locale } from '#lib/i18n/index.svelte.ts';
import { inSummary, plainProvenance, summaryGroup, summaryQuestion } from './summary.ts';
import { meetingWith } from '#lib/domain/meeting.test-data.ts';

const meeting = meetingWith(['Kaj', 'borger'], ['Lise', 'paaroerende'], ['Jonas', 'udfoerer']);

// English is loaded on demand in the app; the English summary below needs it.
beforeAll(() => loadLanguage('en'));
afterEach(() => {
	locale.language = 'da';
});

describe('plainProvenance', () => {
	it('names the citizen and the people in everyday words, never the case roles', () => {
		expect(plainProvenance({ mode: 'selv' }, meeting, 'Kaj')).toBe('Kaj selv');
		expect(plainProvenance({ mode: 'med-stoette', participantId: 'p-jonas' }, meeting, 'Kaj')).toBe(
			'Kaj med hjælp fra Jonas (hjælper i hverdagen)'
		);
		expect(plainProvenance({ mode: 'med-stoette' }, meeting, 'Kaj')).toBe('Kaj med hjælp');
		expect(plainProvenance({ mode: 'formidlet', participantId: 'p-lise' }, meeting, 'Kaj')).toBe(
			'Lise (familie eller ven) på vegne af Kaj'
		);
		expect(plainProvenance({ mode: 'observeret', participantId: 'p-jonas' }, meeting, 'Kaj')).toBe('Jonas (hjælper i hverdagen) så det');
		expect(plainProvenance({ mode: 'observeret' }, meeting, 'Kaj')).toBe('Nogen i mødet så det');
	});

	it('reads as natural English for one person, whoever the citizen is', () => {
		locale.language = 'en';
		expect(plainProvenance({ mode: 'selv' }, meeting, 'Kaj')).toBe('Kaj directly');
		expect(plainProvenance({ mode: 'med-stoette', participantId: 'p-jonas' }, meeting, 'Kaj')).toBe(
			'Kaj with help from Jonas (everyday helper)'
		);
	});
});

describe('the summary of a network map answer', () => {
	const mor: AnswerSubject = { kind: 'network-person', personId: 'n1', name: 'Mor', roleId: 'familie' };

	it('names the person it is about before what was said, so the citizen can confirm it', () => {
		expect(summaryGroup(mor)).toBe('Mine mennesker');
		expect(summaryQuestion(mor)).toBe('Mor');
		expect(summaryQuestion({ kind: 'network-person', personId: 'n2', name: 'Kim' })).toBe('Kim');
	});

	it('reads in English with the ring in English, though it was placed on a Danish screen', () => {
		locale.language = 'en';
		expect(summaryGroup(mor)).toBe('My people');
		expect(summaryQuestion(mor)).toBe('Mor');
		expect(describeContent({ kind: 'placement', zoneId: 'laengere-vaek', label: 'Længere væk' })).toBe('Further away');
		expect(describeContent({ kind: 'mark', mark: 'med-til-moeder' })).toBe('At my meetings');
	});
});

describe('the summary of a view of a goal or an agreement', () => {
	const plan = {
		id: 'plan-1',
		goals: [{ id: 'g1', text: 'Jeg vil bage boller', themeIds: [], status: 'aktiv' as const }],
		agreements: [{ id: 'a1', what: 'Mor køber mel', who: [], when: 'fredag' }]
	};
	const goal: AnswerSubject = { kind: 'goal', planId: 'plan-1', goalId: 'g1' };
	const agreement: AnswerSubject = { kind: 'agreement', planId: 'plan-1', agreementId: 'a1' };

	it('names the goal or the agreement by its words, so two views are told apart', () => {
		expect(summaryQuestion(goal, plan)).toBe('Jeg vil bage boller');
		expect(summaryQuestion(agreement, plan)).toBe('Mor køber mel');
		expect(inSummary(goal, plan) && inSummary(agreement, plan)).toBe(true);
	});

	it('leaves out a view of a goal or an agreement the plan no longer holds', () => {
		const deleted = { ...plan, goals: [], agreements: [] };
		expect(summaryQuestion(goal, deleted)).toBeUndefined();
		expect(inSummary(goal, deleted)).toBe(false);
		expect(inSummary(agreement, deleted)).toBe(false);
		expect(inSummary({ kind: 'goal', planId: 'other-plan', goalId: 'g1' }, plan)).toBe(false);
		expect(inSummary({ kind: 'core-board' }, undefined)).toBe(true);
	});
});
