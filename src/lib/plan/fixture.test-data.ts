import type { Answer } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import type { PlanContent } from '#lib/domain/plan.ts';
import { changeStoryItem, createStoryItem, type StoryContent, type StoryItem, type StoryProvenance } from '#lib/domain/story.ts';

/** A meeting as the plan tests see it: a citizen, her mother who relays, an adviser; answers from several tools. */
export const MEETING: Meeting = {
	id: 'a1b2c3d4-0000-4000-8000-000000000001',
	citizenId: 'c1',
	createdAt: Date.UTC(2026, 11, 2, 9, 0, 0),
	date: '2026-12-02',
	place: 'Bostedet Lyngen',
	phase: 'opfoelgning',
	participants: [
		{ id: 'p-citizen', name: 'Signe', role: 'borger' },
		{ id: 'p-mother', name: 'Mor Anne', role: 'paaroerende' },
		{ id: 'p-adviser', name: 'Jonas', role: 'raadgiver' }
	]
};

export const PLAN: PlanContent = {
	goals: [
		{
			id: 'g1',
			text: 'Jeg vil selv handle ind om fredagen.',
			symbolId: 'indkoeb',
			themeIds: ['relationer'],
			goalType: 'udvikle',
			status: 'aktiv'
		}
	],
	agreements: [
		{
			id: 'a1',
			what: 'Øve indkøb i Netto hver fredag',
			who: [{ participantId: 'p-mother', name: 'Mor Anne', role: 'paaroerende' }],
			when: '2027-01-15',
			goalId: 'g1'
		},
		{
			id: 'a2',
			what: 'Finde en bus, der kører til butikken',
			who: [
				{ participantId: 'p-adviser', name: 'Jonas', role: 'raadgiver' },
				{ participantId: 'p-citizen', name: 'Signe', role: 'borger' }
			],
			when: 'før jul'
		}
	],
	note: 'Du fortalte, at du gerne vil handle selv.\n\nVi aftalte, at du øver med din mor.',
	nextMeeting: '2027-02-01'
};

let clock = Date.UTC(2026, 11, 2, 9, 5, 0);
function answer(partial: Pick<Answer, 'subject' | 'content' | 'provenance'> & Partial<Answer>): Answer {
	clock += 60_000;
	return {
		id: `ans-${clock}`,
		meetingId: MEETING.id,
		citizenId: 'c1',
		createdAt: clock,
		updatedAt: clock,
		status: 'active',
		confirmations: [],
		history: [],
		...partial
	};
}

export const ANSWERS: Answer[] = [
	answer({
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'ja' },
		provenance: { mode: 'selv' },
		// Confirmed in the summary by the citizen, and by the mother on the citizen's behalf.
		confirmations: [
			{ provenance: { mode: 'selv' }, at: Date.UTC(2026, 11, 2, 10, 0, 0) },
			{ provenance: { mode: 'formidlet', participantId: 'p-mother' }, at: Date.UTC(2026, 11, 2, 10, 1, 0) }
		]
	}),
	answer({
		subject: { kind: 'core-board' },
		content: { kind: 'core', value: 'nej' },
		provenance: { mode: 'observeret', participantId: 'p-mother' },
		note: 'skubbede busbilledet væk'
	}),
	answer({
		subject: { kind: 'symbol-board' },
		content: {
			kind: 'message',
			items: [
				{ label: 'jeg', symbolId: 'mig' },
				{ label: 'vil gerne', symbolId: 'vil-gerne' },
				{ label: 'indkøb', symbolId: 'indkoeb' }
			]
		},
		provenance: { mode: 'selv' }
	}),
	answer({
		subject: { kind: 'core-board' },
		content: { kind: 'text', text: 'Jeg kan godt selv', quote: true },
		provenance: { mode: 'formidlet', participantId: 'p-mother' }
	}),
	answer({ subject: { kind: 'core-board' }, content: { kind: 'core', value: 'pause' }, provenance: { mode: 'selv' }, status: 'withdrawn' }),
	answer({
		subject: { kind: 'goal', planId: 'plan1', goalId: 'g1' },
		content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
		provenance: { mode: 'med-stoette', participantId: 'p-adviser' }
	}),
	answer({
		subject: { kind: 'agreement', planId: 'plan1', agreementId: 'a1' },
		content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'godt', label: 'Godt' },
		provenance: { mode: 'selv' }
	}),
	answer({
		subject: { kind: 'agreement', planId: 'plan1', agreementId: 'a2' },
		content: { kind: 'scale', scaleId: 'tre-punkt', pointId: 'baade-og', label: 'Både og' },
		provenance: { mode: 'formidlet', participantId: 'p-mother' }
	}),
	answer({
		subject: { kind: 'meeting-part', part: 'contact', itemId: 'kanal' },
		content: { kind: 'placement', zoneId: 'sms', label: 'SMS' },
		provenance: { mode: 'selv' }
	}),
	answer({
		subject: { kind: 'meeting-part', part: 'feedback', itemId: 'feedback-lyttede' },
		content: { kind: 'scale', scaleId: 'ansigter', pointId: 'godt', label: 'Godt' },
		provenance: { mode: 'selv' }
	})
];

const storyAtTime = Date.UTC(2026, 11, 2, 9, 30, 0);
function storyItem(id: string, areaId: string, x: number, content: StoryContent, provenance: StoryProvenance): StoryItem {
	const placement = { areaId, x, y: areaId === 'haab' ? 60 : 380, w: 120, h: 120 };
	return createStoryItem({
		id,
		citizenId: 'c1',
		templateId: 'min-historie',
		placement,
		content,
		provenance,
		meetingId: MEETING.id,
		at: storyAtTime
	});
}

/** Her story: a symbol and her own words among her hopes, a photo that helps (put there by her mother), one item removed. */
export const STORY: StoryItem[] = [
	storyItem('s1', 'haab', 200, { kind: 'symbol', symbolId: 'indkoeb', label: 'indkøb' }, { mode: 'selv' }),
	storyItem('s2', 'haab', 40, { kind: 'text', text: 'Jeg vil have mit eget køkken' }, { mode: 'selv' }),
	storyItem(
		's3',
		'bedre',
		40,
		{ kind: 'photo', mediaId: 'm1' },
		{ mode: 'formidlet', participantId: 'p-mother', name: 'Mor Anne', role: 'paaroerende' }
	),
	changeStoryItem(
		storyItem('s4', 'i-vejen', 840, { kind: 'text', text: 'Bussen' }, { mode: 'selv' }),
		{ areaId: 'i-vejen', x: 840, y: 380, w: 120, h: 120, removed: true },
		storyAtTime + 60_000,
		{ mode: 'selv' },
		MEETING.id
	)
];
