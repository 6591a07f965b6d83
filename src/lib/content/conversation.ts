import * as v from 'valibot';
import { isCallForAction } from '#lib/domain/answer.ts';
import { contentId, exactIds, localizedText, parseContent } from './schema.ts';
import questionsData from './conversation/questions.json';
import sheetsData from './conversation/sheets.json';
import adviserPromptsData from './conversation/adviser-prompts.json';
import meetingData from './conversation/meeting.json';

/*
 * The conversation content (issues 11 and 12): CHIME and LØFT question cards, the LA2u-style sheets,
 * the adviser's prompts and the meeting's check-in, feedback, contact wishes and "Om mig" (its agenda: agenda.ts).
 * The texts are data so a municipality can reword them without code; the ids are not: stored
 * answers point at them, so the ids the screens rely on are fixed here and checked at load.
 */

/** How a question may be answered; the screens offer these and nothing else. */
export const ANSWER_KINDS = ['scale', 'symbols', 'text', 'photo', 'recording'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/**
 * The scales a question may name. Must match the scale data (src/lib/content/scales*). Not the answer board's own scale
 * (`kerne`): its pause, stop, hjælp and forstår ikke call the people at the table and are no answer to a question, so a
 * yes/no question is answered on `ja-nej`.
 */
export const SCALE_IDS = ['tre-punkt', 'ansigter', 'stige', 'ja-nej'] as const;
export type ScaleId = (typeof SCALE_IDS)[number];

/** A question's own start symbols fill two or three rows of the picker, no more. */
export const START_SYMBOLS_MAX = 16;

/** The question decks; a stored question answer names its deck by one of these. */
export const DECK_IDS = ['chime', 'loeft'] as const;
export type DeckId = (typeof DECK_IDS)[number];

export const CHIME_AREA_IDS = ['forbundethed', 'haab', 'identitet', 'mening', 'handlekraft'] as const;
export type ChimeAreaId = (typeof CHIME_AREA_IDS)[number];

export const SHEET_IDS = ['trivsel', 'netvaerk', 'ressourcer'] as const;
export type SheetId = (typeof SHEET_IDS)[number];

export const RING_IDS = ['taet-paa', 'midt-imellem', 'laengere-vaek'] as const;
export type RingId = (typeof RING_IDS)[number];

export const NETWORK_MARK_IDS = ['med-til-moeder', 'spoerg-om-hjaelp'] as const;
export type NetworkMarkId = (typeof NETWORK_MARK_IDS)[number];

export const ADVISER_PROMPT_GROUP_IDS = ['start', 'midte', 'slut', 'perspektiv'] as const;
export type AdviserPromptGroupId = (typeof ADVISER_PROMPT_GROUP_IDS)[number];

export const CONTACT_GROUP_IDS = ['kanal', 'hyppighed', 'sted', 'tidspunkt'] as const;
export type ContactGroupId = (typeof CONTACT_GROUP_IDS)[number];

function duplicates(ids: readonly string[]): string[] {
	return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** A list whose items' ids are unique; the message names the duplicates. */
function uniqueIds<const S extends v.GenericSchema<unknown, { id: string }>>(item: S) {
	return v.pipe(
		v.array(item),
		v.minLength(1, 'the list must not be empty'),
		v.check(
			(items) => duplicates(items.map((entry) => entry.id)).length === 0,
			(issue) => `duplicate id: ${duplicates((issue.input as { id: string }[]).map((entry) => entry.id)).join(', ')}`
		)
	);
}

const symbolId = contentId;

const answerSpec = v.pipe(
	v.strictObject({
		kinds: v.pipe(
			v.array(v.picklist(ANSWER_KINDS, `answer kind must be one of ${ANSWER_KINDS.join(', ')}`)),
			v.minLength(1, 'at least one answer kind'),
			v.check((kinds) => new Set(kinds).size === kinds.length, 'each answer kind only once')
		),
		defaultKind: v.picklist(ANSWER_KINDS, `answer kind must be one of ${ANSWER_KINDS.join(', ')}`),
		scaleId: v.optional(v.picklist(SCALE_IDS, `scale must be one of ${SCALE_IDS.join(', ')}`)),
		/**
		 * The symbols that fit the question, offered before anything is typed (SymbolPicker), so the citizen can answer by
		 * touch or switch alone. Never a signal of the meeting: those call the people at the table (TableSignals).
		 */
		startSymbols: v.optional(
			v.pipe(
				v.array(contentId),
				v.minLength(1, 'list at least one symbol, or leave startSymbols out'),
				v.maxLength(START_SYMBOLS_MAX, `at most ${START_SYMBOLS_MAX} symbols to start with`),
				v.check((ids) => new Set(ids).size === ids.length, 'each start symbol only once'),
				v.check((ids) => !ids.some(isCallForAction), 'pause, stop, hjaelp and forstaar-ikke are signals, not answers')
			)
		)
	}),
	v.forward(
		v.partialCheck(
			[['kinds'], ['defaultKind']],
			(spec) => spec.kinds.includes(spec.defaultKind),
			'the default kind must be one of the kinds'
		),
		['defaultKind']
	),
	v.forward(
		v.partialCheck(
			[['kinds'], ['scaleId']],
			(spec) => spec.kinds.includes('scale') === (spec.scaleId !== undefined),
			'a scaleId is needed exactly when "scale" is one of the kinds'
		),
		['scaleId']
	),
	v.forward(
		v.partialCheck(
			[['kinds'], ['startSymbols']],
			(spec) => spec.startSymbols === undefined || spec.kinds.includes('symbols'),
			'startSymbols only where "symbols" is one of the kinds'
		),
		['startSymbols']
	)
);
export type AnswerSpec = v.InferOutput<typeof answerSpec>;

const questionEntries = {
	id: contentId,
	text: localizedText,
	/** A second line read after the question, e.g. what the ends of a scale mean. */
	hint: v.optional(localizedText),
	symbolId,
	answers: answerSpec
};
const question = v.strictObject(questionEntries);
export type Question = v.InferOutput<typeof question>;

/** A card may carry one follow-up, asked after the card is answered (LØFT: "what would it take for one step up?"). */
const questionCard = v.strictObject({ ...questionEntries, followUp: v.optional(question) });
export type QuestionCard = v.InferOutput<typeof questionCard>;

/** A method's or framework's name: shown in brackets after the easy-read title, so it has no brackets of its own. */
const term = v.pipe(
	localizedText,
	v.check((text) => !/[()]/.test(text.da + text.en), 'a term is shown in brackets after its title: it needs none of its own')
);

const chimeArea = v.strictObject({
	id: v.picklist(CHIME_AREA_IDS),
	/** The framework's name, for the adviser and the case file. */
	term,
	/** The easy-read name the citizen sees. */
	title: localizedText,
	intro: localizedText,
	symbolId,
	cards: uniqueIds(questionCard)
});
export type ChimeArea = v.InferOutput<typeof chimeArea>;

const deckEntries = { term, title: localizedText, intro: localizedText, symbolId };

function cardIds(cards: readonly QuestionCard[]): string[] {
	return cards.flatMap((card) => [card.id, ...(card.followUp ? [card.followUp.id] : [])]);
}

const questionDecks = v.strictObject({
	chime: v.strictObject({ ...deckEntries, areas: exactIds(chimeArea, CHIME_AREA_IDS) }),
	loeft: v.strictObject({ ...deckEntries, cards: uniqueIds(questionCard) })
});
export type QuestionsFile = v.InferOutput<typeof questionDecks>;

function allCards(file: QuestionsFile): QuestionCard[] {
	return [...file.chime.areas.flatMap((area) => area.cards), ...file.loeft.cards];
}

const questionsFile = v.pipe(
	questionDecks,
	// A stored answer names its card by id alone, so ids are unique across both decks and their follow-ups.
	v.check(
		(file) => duplicates(cardIds(allCards(file))).length === 0,
		(issue) => `duplicate card id: ${duplicates(cardIds(allCards(issue.input as QuestionsFile))).join(', ')}`
	)
);

const sheetItem = v.strictObject({ id: contentId, prompt: localizedText, symbolId, answers: answerSpec });
export type SheetItem = v.InferOutput<typeof sheetItem>;

const choice = v.strictObject({ id: contentId, label: localizedText, symbolId });
export type Choice = v.InferOutput<typeof choice>;

const networkMap = v.strictObject({
	prompt: localizedText,
	hint: localizedText,
	centre: v.strictObject({ label: localizedText, symbolId }),
	rings: exactIds(v.strictObject({ id: v.picklist(RING_IDS), label: localizedText, description: localizedText }), RING_IDS),
	/** Role symbols offered when a person is added to the map. */
	roles: uniqueIds(choice),
	marks: exactIds(
		v.strictObject({ id: v.picklist(NETWORK_MARK_IDS), label: localizedText, question: localizedText, symbolId }),
		NETWORK_MARK_IDS
	)
});
export type NetworkMap = v.InferOutput<typeof networkMap>;

const sheet = v.strictObject({
	id: v.picklist(SHEET_IDS),
	/** The method's name for the sheet, for the adviser and the answer list ("Trivsel"). */
	term,
	title: localizedText,
	intro: localizedText,
	symbolId,
	items: uniqueIds(sheetItem),
	network: v.optional(networkMap)
});
export type Sheet = v.InferOutput<typeof sheet>;

function itemIds(sheets: readonly Sheet[]): string[] {
	return sheets.flatMap((entry) => entry.items.map((item) => item.id));
}

const sheetsFile = v.strictObject({
	sheets: v.pipe(
		exactIds(sheet, SHEET_IDS),
		v.check(
			(sheets) => sheets.every((entry) => (entry.id === 'netvaerk') === (entry.network !== undefined)),
			'the netvaerk sheet, and only that one, has a network map'
		),
		// Items are answered by id within the whole set of sheets, like question cards.
		v.check(
			(sheets) => duplicates(itemIds(sheets)).length === 0,
			(issue) => `duplicate item id across the sheets: ${duplicates(itemIds(issue.input as Sheet[])).join(', ')}`
		)
	)
});
export type SheetsFile = v.InferOutput<typeof sheetsFile>;

const adviserPromptsFile = v.strictObject({
	groups: exactIds(
		v.strictObject({
			id: v.picklist(ADVISER_PROMPT_GROUP_IDS),
			title: localizedText,
			purpose: localizedText,
			prompts: uniqueIds(v.strictObject({ id: contentId, text: localizedText }))
		}),
		ADVISER_PROMPT_GROUP_IDS
	)
});
export type AdviserPromptsFile = v.InferOutput<typeof adviserPromptsFile>;
export type AdviserPromptGroup = AdviserPromptsFile['groups'][number];

const meetingFile = v.strictObject({
	checkIn: uniqueIds(question),
	feedback: uniqueIds(question),
	contact: exactIds(
		v.strictObject({
			id: v.picklist(CONTACT_GROUP_IDS),
			question: localizedText,
			symbolId,
			/** Whether the citizen picks one option or any number of them. */
			choose: v.picklist(['one', 'many']),
			options: uniqueIds(choice)
		}),
		CONTACT_GROUP_IDS
	),
	aboutMe: v.strictObject({
		title: localizedText,
		intro: localizedText,
		symbolId,
		items: uniqueIds(
			v.strictObject({
				id: contentId,
				/** Asked in du-form while the page is filled in. */
				prompt: localizedText,
				/** The heading in jeg-form on the citizen's page and in the plan. */
				label: localizedText,
				symbolId,
				answers: answerSpec
			})
		)
	})
});
export type MeetingFile = v.InferOutput<typeof meetingFile>;
export type ContactGroup = MeetingFile['contact'][number];
export type AboutMeItem = MeetingFile['aboutMe']['items'][number];

export const parseQuestions = (data: unknown): QuestionsFile => parseContent(questionsFile, data, 'questions.json');
export const parseSheets = (data: unknown): SheetsFile => parseContent(sheetsFile, data, 'sheets.json');
export const parseAdviserPrompts = (data: unknown): AdviserPromptsFile => parseContent(adviserPromptsFile, data, 'adviser-prompts.json');
export const parseMeeting = (data: unknown): MeetingFile => parseContent(meetingFile, data, 'meeting.json');

export const QUESTIONS = parseQuestions(questionsData);
export const SHEETS = parseSheets(sheetsData);
export const ADVISER_PROMPTS = parseAdviserPrompts(adviserPromptsData);
export const MEETING = parseMeeting(meetingData);

const cardsById = new Map<string, Question | QuestionCard>(
	allCards(QUESTIONS)
		.flatMap((card) => (card.followUp ? [card, card.followUp] : [card]))
		.map((card) => [card.id, card])
);

/** A CHIME or LØFT card, or a follow-up, by its id (the id a stored answer names). */
export function questionCardById(id: string): Question | QuestionCard | undefined {
	return cardsById.get(id);
}

/** A card by id with where it sits: its deck, its CHIME area, and the card a follow-up belongs to. */
export function findQuestion(id: string): { deckId: DeckId; area?: ChimeArea; card: QuestionCard; question: Question } | undefined {
	const within = (card: QuestionCard) => card.id === id || card.followUp?.id === id;
	for (const area of QUESTIONS.chime.areas) {
		const card = area.cards.find(within);
		if (card) return { deckId: 'chime', area, card, question: questionCardById(id)! };
	}
	const card = QUESTIONS.loeft.cards.find(within);
	return card && { deckId: 'loeft', card, question: questionCardById(id)! };
}

export function chimeAreaById(id: ChimeAreaId): ChimeArea {
	return QUESTIONS.chime.areas.find((area) => area.id === id)!;
}

export function sheetById(id: SheetId): Sheet {
	return SHEETS.sheets.find((entry) => entry.id === id)!;
}

/** The network sheet with its map; the schema guarantees the map is there. */
export function networkSheet(): Sheet & { network: NetworkMap } {
	return sheetById('netvaerk') as Sheet & { network: NetworkMap };
}

export function sheetItemById(id: string): { sheet: Sheet; item: SheetItem } | undefined {
	for (const entry of SHEETS.sheets) {
		const item = entry.items.find((candidate) => candidate.id === id);
		if (item) return { sheet: entry, item };
	}
	return undefined;
}

export function adviserPromptGroupById(id: AdviserPromptGroupId): AdviserPromptGroup {
	return ADVISER_PROMPTS.groups.find((group) => group.id === id)!;
}

export function contactGroupById(id: ContactGroupId): ContactGroup {
	return MEETING.contact.find((group) => group.id === id)!;
}
