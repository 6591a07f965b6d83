import { assertNever, CORE_ANSWERS, type AnswerContent, type AnswerSubject, type MEETING_PARTS } from '#lib/domain/answer.ts';
import type { Plan } from '#lib/domain/plan.ts';
import type { StoryContent } from '#lib/domain/story.ts';
import { coreAnswerLabel, NO_ANSWER_STATES, noAnswerLabel, scaleAnswer, scaleById } from '#lib/content/scales.ts';
import { findQuestion, MEETING, networkSheet, QUESTIONS, sheetItemById } from '#lib/content/conversation.ts';
import { vumSubtheme, vumTheme } from '#lib/content/vum.ts';
import { locale } from '#lib/i18n/index.svelte.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';

/**
 * How what was expressed reads in lists: the answer's words, a message word by word, a scale point or a ring by its id.
 * In the language shown, unless a document written in another is asking.
 */
export function describeContent(content: AnswerContent, language: Language = locale.language): string {
	switch (content.kind) {
		case 'core':
			return coreAnswerLabel(content.value, language);
		case 'message':
			return content.items.map((item) => item.label).join(' ');
		case 'scale':
			// The point's words in the language asked for: the stored label is the one the screen showed when it was given,
			// and an answer given on an English screen said "Bad" in a Danish case file. A point no longer there keeps it.
			return scaleById(content.scaleId)?.points.find((point) => point.id === content.pointId)?.label[language] ?? content.label;
		case 'placement':
			// A ring's words by its id, as a scale point's: a person placed on a Danish screen is "Further away" in English.
			return networkSheet().network.rings.find((ring) => ring.id === content.zoneId)?.label[language] ?? content.label;
		case 'no-answer':
			return noAnswerLabel(content.reason, language);
		case 'mark':
			return translate(language, `content.${content.mark}`);
		case 'text':
			return content.quote ? translate(language, 'content.quote', { text: content.text }) : content.text;
		case 'photo':
		case 'recording':
		case 'drawing':
			return translate(language, `content.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/** What a story item shows, in words: "Billede: Hund", "Tekst: …", "Foto". Its name on the canvas, its line in lists and documents. */
export function describeStoryContent(content: StoryContent, language: Language = locale.language): string {
	switch (content.kind) {
		case 'symbol':
			return translate(language, 'story.item.symbol', { label: content.label });
		case 'text':
			return translate(language, 'story.item.text', { text: content.text });
		case 'photo':
		case 'recording':
		case 'drawing':
			return translate(language, `story.item.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/**
 * What an answer is about, as a heading for it: "Svartavlen", "Relationer · Mine venner", "Trivsel · Hvad gør dig
 * glad?", "CHIME · Håb · Hvad drømmer du om?", "Netværk · Mor (Familie)", "Hvordan går det? · Hvordan har du det i dag?",
 * "Mål · Jeg vil selv handle ind" (with the meeting's plan). A theme goes by its official name (what the
 * case file and the adviser know), a card by the citizen's own label. Content that is no longer there falls back to the
 * tool's name.
 */
export function describeSubject(
	subject: AnswerSubject,
	language: Language = locale.language,
	plan?: Pick<Plan, 'id' | 'goals' | 'agreements'>
): string {
	const parts = (...names: Array<string | undefined>) => names.filter(Boolean).join(' · ');
	const generic = () => translate(language, `subject.${subject.kind}`);
	switch (subject.kind) {
		case 'vum-theme':
			return vumTheme(subject.themeId)?.ffb.name ?? generic();
		case 'vum-subtheme': {
			const place = vumSubtheme(subject.subthemeId);
			return place ? parts(place.theme.ffb.name, place.subtheme.label[language]) : generic();
		}
		case 'sheet-item': {
			const found = sheetItemById(subject.itemId);
			return found ? parts(found.sheet.term[language], found.item.prompt[language]) : generic();
		}
		case 'question': {
			const found = findQuestion(subject.questionId);
			if (!found) return generic();
			return parts(QUESTIONS[found.deckId].term[language], found.area?.term[language], found.question.text[language]);
		}
		case 'network-person': {
			const network = networkSheet();
			const role = network.network.roles.find((r) => r.id === subject.roleId);
			return parts(network.term[language], role ? `${subject.name} (${role.label[language]})` : subject.name);
		}
		case 'meeting-part': {
			// The step and its question: "Mødet" alone told a check-in's "Godt" from the feedback's in no list.
			const item = subject.itemId === undefined ? undefined : meetingPartItem(subject.part, subject.itemId, language);
			return parts(meetingPartName(subject.part, language), item);
		}
		// The citizen's view of a goal or an agreement: "Mål" alone told none of a meeting's goals from another.
		case 'goal': {
			const goal = plan?.id === subject.planId ? plan.goals.find((g) => g.id === subject.goalId) : undefined;
			return parts(generic(), goal?.text);
		}
		case 'agreement': {
			const agreement = plan?.id === subject.planId ? plan.agreements.find((a) => a.id === subject.agreementId) : undefined;
			return parts(generic(), agreement?.what);
		}
		case 'core-board':
		case 'symbol-board':
		case 'canvas-item':
			return generic();
		default:
			return assertNever(subject);
	}
}

type MeetingPart = (typeof MEETING_PARTS)[number];

/** A part of the meeting by its step's name ("Hvordan går det?"), as the summary's groups and the case file name it. */
export function meetingPartName(part: MeetingPart, language: Language = locale.language): string {
	return translate(language, `subject.part.${part}`);
}

/** The question or heading a meeting part's answer was given to, from the meeting content. */
export function meetingPartItem(part: MeetingPart, itemId: string, language: Language = locale.language): string | undefined {
	switch (part) {
		case 'check-in':
			return MEETING.checkIn.find((q) => q.id === itemId)?.text[language];
		case 'feedback':
			return MEETING.feedback.find((q) => q.id === itemId)?.text[language];
		case 'contact':
			return MEETING.contact.find((group) => group.id === itemId)?.question[language];
		case 'about-me':
			return MEETING.aboutMe.items.find((item) => item.id === itemId)?.label[language];
		case 'preparation':
			return undefined;
		default:
			return assertNever(part);
	}
}

/** One thing an answer can be corrected to, with a stable key for a radio group. */
export interface CorrectionChoice {
	key: string;
	label: string;
	content: AnswerContent;
}

/**
 * What an answer's content can be corrected to without leaving its tool: another core answer, another
 * point of the same scale, one of the "no answer" states, or another ring of the network map. Undefined for content that only its tool
 * can change (a message, a photo, a drawing …): there, the provenance and the note can be corrected.
 */
export function correctionChoices(content: AnswerContent): CorrectionChoice[] | undefined {
	const language = locale.language;
	const noAnswer = (): CorrectionChoice[] =>
		NO_ANSWER_STATES.map((state) => ({
			key: `no-answer:${state.id}`,
			label: state.label[language],
			content: { kind: 'no-answer', reason: state.id }
		}));
	if (content.kind === 'core') {
		return CORE_ANSWERS.map((value) => ({
			key: `core:${value}`,
			label: coreAnswerLabel(value, language),
			content: { kind: 'core', value }
		}));
	}
	if (content.kind === 'scale') {
		const scale = scaleById(content.scaleId);
		if (!scale) return undefined;
		return [
			...scale.points.map((point) => ({
				key: `scale:${point.id}`,
				label: point.label[language],
				content: scaleAnswer(scale, point, language)
			})),
			...noAnswer()
		];
	}
	if (content.kind === 'no-answer') return noAnswer();
	if (content.kind === 'placement') {
		// Another ring of the network map: the same move as on the map, from the answer list.
		const rings = networkSheet().network.rings;
		if (!rings.some((ring) => ring.id === content.zoneId)) return undefined;
		return rings.map((ring) => ({
			key: `placement:${ring.id}`,
			label: ring.label[language],
			content: { kind: 'placement', zoneId: ring.id, label: ring.label[language] }
		}));
	}
	return undefined;
}

/** The key of the choice an answer's content is now. */
export function choiceKeyOf(content: AnswerContent): string {
	if (content.kind === 'core') return `core:${content.value}`;
	if (content.kind === 'scale') return `scale:${content.pointId}`;
	if (content.kind === 'no-answer') return `no-answer:${content.reason}`;
	if (content.kind === 'placement') return `placement:${content.zoneId}`;
	return content.kind;
}
