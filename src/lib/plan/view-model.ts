import { describeContent, describeStoryContent, describeSubject, meetingPartItem } from '#lib/answers/describe.ts';
import { questionCardById, sheetItemById } from '#lib/content/conversation.ts';
import { storyTemplate } from '#lib/content/story-templates.ts';
import { FUNCTION_LEVELS, GOAL_TYPES, vumSubtheme, vumTheme } from '#lib/content/vum.ts';
import { assertNever, type Answer, type AnswerSubject } from '#lib/domain/answer.ts';
import type { Assessment } from '#lib/domain/assessment.ts';
import type { Citizen } from '#lib/domain/citizen.ts';
import { localIsoDate, type Meeting } from '#lib/domain/meeting.ts';
import type { Agreement, Goal, PlanContent } from '#lib/domain/plan.ts';
import { meaningChangeOf, storyAt, storyMomentOf, type StoryContent, type StoryItem } from '#lib/domain/story.ts';
import { formatDateIn, formatTimeIn, translate, type Language } from '#lib/i18n/translate.ts';
import { describeProvenance, describeStoryProvenance } from '#lib/provenance/describe.ts';
import type { Block, CellText, PlanDocument, StoryPicture } from './document.ts';
import { peopleRows, Words } from './words.ts';

/*
 * The plan documents of a meeting, built from what is stored and nothing else: Min plan (easy-read, for
 * the citizen to take home) and the case-file version (everything, with provenance, for the journal).
 * Pure: the language is given, the data is handed in, the result is a PlanDocument.
 */

export interface PlanSource {
	citizen: Pick<Citizen, 'displayName'>;
	meeting: Meeting;
	/** The meeting's answers in any order; withdrawn ones show only in the case file. */
	answers: readonly Answer[];
	plan?: PlanContent;
	/** The citizen's recovery story, every item (removed ones too); it is shown as it is now. */
	story?: readonly StoryItem[];
	/** The adviser's funktionsevneniveau per sub-theme of the meeting: in the case file only, apart from the answers. */
	assessments?: readonly Assessment[];
	language: Language;
}

const byTime = (a: Answer, b: Answer) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** The newest active answer about each goal or agreement: the citizen's view of it now. */
function viewsOf(answers: readonly Answer[], kind: 'goal' | 'agreement'): Map<string, Answer> {
	const views = new Map<string, Answer>();
	for (const answer of [...answers].sort(byTime)) {
		if (answer.status !== 'active') continue;
		const { subject } = answer;
		if (kind === 'goal' && subject.kind === 'goal') views.set(subject.goalId, answer);
		if (kind === 'agreement' && subject.kind === 'agreement') views.set(subject.agreementId, answer);
	}
	return views;
}

/**
 * The citizen's view of a goal or an agreement, in jeg-form: "Det synes jeg" only when it was the citizen's own (or
 * given with support). A view a relative relayed or a worker observed says whose it was, as the case file does: Min
 * plan said "Det synes jeg: Både og" for what the mother had said.
 */
function viewLine(view: Answer, meeting: Meeting, words: Words): string {
	const said = describeContent(view.content, words.language);
	const { mode, participantId } = view.provenance;
	const name = meeting.participants.find((person) => person.id === participantId)?.name ?? words.t('plan.mine.someone');
	if (mode === 'formidlet') return words.t('plan.mine.relayedView', { name, view: said });
	if (mode === 'observeret') return words.t('plan.mine.seenView', { name, view: said });
	return words.t('plan.mine.myView', { view: said });
}

/**
 * When an answer was given, for the case file's table: its time, and its date as well when that was not the meeting's
 * day. An answer after midnight was listed as "00.00.04" after "23.44.34" in a document headed by the meeting's date,
 * and one added to an earlier meeting later showed only the later time.
 */
function answeredAt(at: number, meetingDate: string, language: Language): string {
	const day = localIsoDate(new Date(at));
	const time = formatTimeIn(language, at);
	return day === meetingDate ? time : `${formatDateIn(language, day)} ${time}`;
}

function ownerNames(agreement: Agreement, words: Words, citizenFirst: boolean): string {
	return words.list(agreement.who.map((owner) => (citizenFirst && owner.role === 'borger' ? words.t('plan.mine.me') : owner.name)));
}

/** The agreed next meeting as a meeting's when: its day, and its time of day when one was agreed ("kl. 10.00"). */
function nextMeetingOf(plan: PlanContent, date: string): { date: string; time?: string } {
	return { date, ...(plan.nextMeetingTime ? { time: plan.nextMeetingTime } : {}) };
}

/** Min plan: large symbols, one idea per row, jeg-form, the citizen's own words quoted. */
export function citizenPlan(source: PlanSource): PlanDocument {
	const { meeting, plan, language } = source;
	const words = new Words(language);
	const date = words.date(meeting.date);
	const goals = plan?.goals ?? [];
	const agreements = plan?.agreements ?? [];
	const goalViews = viewsOf(source.answers, 'goal');
	const agreementViews = viewsOf(source.answers, 'agreement');
	const blocks: Block[] = [{ kind: 'heading', level: 1, text: words.t('plan.mine.title') }];

	blocks.push({
		kind: 'row',
		figure: words.figure('moede'),
		lines: [
			words.t('plan.mine.meetingOn', { date: words.when(meeting) }),
			...(meeting.place ? [words.t('plan.mine.meetingAt', { place: meeting.place })] : [])
		]
	});

	const said = ownWords(source.answers, meeting, words);
	if (said.length > 0) blocks.push({ kind: 'heading', level: 2, text: words.t('plan.mine.said') }, ...said);

	blocks.push({ kind: 'heading', level: 2, text: words.t('plan.mine.goals') });
	if (goals.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.mine.noGoals') });
	for (const goal of goals) {
		const view = goalViews.get(goal.id);
		blocks.push({
			kind: 'row',
			figure: words.figure(goal.symbolId ?? 'maal'),
			lines: [goal.text, ...(view ? [viewLine(view, meeting, words)] : [])]
		});
	}

	blocks.push({ kind: 'heading', level: 2, text: words.t('plan.mine.agreements') });
	if (agreements.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.mine.noAgreements') });
	for (const agreement of agreements) {
		const view = agreementViews.get(agreement.id);
		const who = ownerNames(agreement, words, true);
		blocks.push({
			kind: 'row',
			figure: words.figure('aftale'),
			lines: [
				agreement.what,
				...(who ? [words.t('plan.mine.who', { who: capitalise(who, language) })] : []),
				words.t('plan.mine.when', { when: whenText(agreement.when, words) }),
				...(view ? [viewLine(view, meeting, words)] : [])
			]
		});
	}

	const people = peopleRows(meeting, source.answers, words, 'plan.mine.wanted', (person) =>
		agreements
			.filter((a) => a.who.some((owner) => owner.participantId === person.id))
			.map((task) => words.t('plan.mine.willDo', { what: task.what }))
	);
	if (people.present.length > 0) blocks.push({ kind: 'heading', level: 2, text: words.t('plan.mine.people') }, ...people.present);
	if (people.wanted.length > 0) blocks.push({ kind: 'heading', level: 2, text: words.t('plan.mine.wantedHeading') }, ...people.wanted);

	blocks.push(...storySection(source.story, meeting, words, 'citizen'));

	if (plan?.nextMeeting) {
		blocks.push(
			{ kind: 'heading', level: 2, text: words.t('plan.mine.next') },
			{
				kind: 'row',
				figure: words.figure('kalender'),
				lines: [words.t('plan.mine.nextOn', { date: words.when(nextMeetingOf(plan, plan.nextMeeting)) })]
			}
		);
	}

	return {
		version: 'citizen',
		language,
		title: words.t('plan.mine.docTitle', { date }),
		easyRead: true,
		footer: words.t('plan.mine.footer', { date }),
		pageNumbers: false,
		blocks
	};
}

/**
 * Quotes written down as said, and messages the citizen built on a symbol board themselves. A quote someone relayed or
 * wrote down from what they saw says so ("Det fortalte Lise for mig: »…«"), as a relayed view does.
 */
function ownWords(answers: readonly Answer[], meeting: Meeting, words: Words): Block[] {
	const rows: Block[] = [];
	for (const answer of [...answers].sort(byTime)) {
		if (answer.status !== 'active') continue;
		const { content, provenance } = answer;
		if (content.kind === 'text' && content.quote) {
			const byOthers = provenance.mode === 'formidlet' || provenance.mode === 'observeret';
			const line = byOthers ? viewLine(answer, meeting, words) : describeContent(content, words.language);
			rows.push({ kind: 'row', figure: words.figure('sige-noget'), lines: [line] });
		}
		const ownMessage = provenance.mode === 'selv' || provenance.mode === 'med-stoette';
		if (content.kind === 'message' && ownMessage) {
			const text = translate(words.language, 'content.quote', { text: describeContent(content, words.language) });
			rows.push({ kind: 'row', figure: words.figure(content.items[0]?.symbolId ?? 'sige-noget'), lines: [text] });
		}
	}
	return rows;
}

function capitalise(text: string, language: Language): string {
	return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

function whenText(when: string, words: Words): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(when) ? words.date(when) : when;
}

/** The case-file version: every answer with its provenance in words, FFB names and codes, the adviser's note. */
export function caseFilePlan(source: PlanSource): PlanDocument {
	const { meeting, plan, language, citizen } = source;
	const words = new Words(language);
	const date = words.date(meeting.date);
	const goals = plan?.goals ?? [];
	const agreements = plan?.agreements ?? [];
	const answers = [...source.answers].sort(byTime);
	const goalViews = viewsOf(answers, 'goal');
	const agreementViews = viewsOf(answers, 'agreement');
	const viewText = (view: Answer | undefined) =>
		view
			? words.t('plan.case.viewBy', {
					view: describeContent(view.content, language),
					provenance: describeProvenance(view.provenance, meeting, language)
				})
			: words.t('plan.case.noView');

	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: words.t('plan.case.title') },
		{ kind: 'paragraph', text: words.t('plan.case.citizen', { name: citizen.displayName }) },
		{ kind: 'paragraph', text: words.t('plan.case.date', { date: words.when(meeting) }) },
		{ kind: 'paragraph', text: words.t('plan.case.phase', { phase: words.t(`phase.${meeting.phase}`) }) },
		...(meeting.place ? [{ kind: 'paragraph', text: words.t('plan.case.place', { place: meeting.place }) } as const] : []),
		...(plan?.nextMeeting
			? [{ kind: 'paragraph', text: words.t('plan.case.next', { date: words.when(nextMeetingOf(plan, plan.nextMeeting)) }) } as const]
			: []),
		{ kind: 'heading', level: 2, text: words.t('plan.case.participants') },
		{
			kind: 'table',
			caption: words.t('plan.case.participants'),
			columns: [words.t('plan.case.name'), words.t('plan.case.role')],
			rows: meeting.participants.map((p) => [p.name, words.t(`role.${p.role}`)]),
			rowHeaders: true
		},
		{ kind: 'heading', level: 2, text: words.t('plan.case.goals') }
	];

	if (goals.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.case.noGoals') });
	else {
		blocks.push({
			kind: 'table',
			caption: words.t('plan.case.goals'),
			columns: [words.t('plan.case.goal'), words.t('plan.case.themes'), words.t('plan.case.goalType'), words.t('plan.case.view')],
			rows: goals.map((goal) => [
				// A goal carried over from an earlier plan says so, as the meeting's step does.
				goal.fromPlanId ? `${goalText(goal, words)} (${words.t('plan.case.followUp')})` : goalText(goal, words),
				themesText(goal, words),
				goalTypeText(goal, words),
				viewText(goalViews.get(goal.id))
			]),
			rowHeaders: true
		});
		const codes = ffbTermsOf(goals);
		if (codes.length > 0) blocks.push(...codesTable(words.t('plan.case.codes'), codes, words));
	}

	blocks.push({ kind: 'heading', level: 2, text: words.t('plan.case.agreements') });
	if (agreements.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.case.noAgreements') });
	else {
		blocks.push({
			kind: 'table',
			caption: words.t('plan.case.agreements'),
			columns: [words.t('plan.case.what'), words.t('plan.case.who'), words.t('plan.case.when'), words.t('plan.case.view')],
			rows: agreements.map((agreement) => [
				agreement.what,
				words.list(agreement.who.map((owner) => `${owner.name} (${words.t(`role.${owner.role}`)})`)),
				whenText(agreement.when, words),
				viewText(agreementViews.get(agreement.id))
			]),
			rowHeaders: true
		});
	}

	blocks.push(...assessmentSection(source.assessments ?? [], words));

	for (const [part, heading] of [
		['contact', 'plan.case.contact'],
		['feedback', 'plan.case.feedback']
	] as const) {
		// Under the step's own heading a line names only the question: with the step's name before it (subjectText, as in
		// the answer table) the case file read "Hvordan var mødet?: Lyttede vi til dig?: Godt" under "Hvordan var mødet?".
		const items = answers.flatMap(({ subject, status, content, provenance, note }) => {
			if (status !== 'active' || subject.kind !== 'meeting-part' || subject.part !== part) return [];
			const asked = subject.itemId === undefined ? undefined : meetingPartItem(part, subject.itemId, language);
			const said = `${describeContent(content, language)} – ${describeProvenance(provenance, meeting, language)}${note ? ` – ${note}` : ''}`;
			return [asked ? `${asked}: ${said}` : said];
		});
		blocks.push(
			{ kind: 'heading', level: 2, text: words.t(heading) },
			items.length > 0 ? { kind: 'list', items } : { kind: 'paragraph', text: words.t('plan.case.none') }
		);
	}

	blocks.push({ kind: 'heading', level: 2, text: words.t('plan.case.note') });
	const paragraphs = (plan?.note ?? '')
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (paragraphs.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.case.noNote') });
	for (const text of paragraphs) blocks.push({ kind: 'paragraph', text });

	blocks.push(...storySection(source.story, meeting, words, 'case-file'));

	blocks.push({ kind: 'heading', level: 2, text: words.t('plan.case.answers') });
	// A meeting without answers says so, not a table of headers with no rows.
	if (answers.length === 0) blocks.push({ kind: 'paragraph', text: words.t('plan.case.none') });
	else
		blocks.push(
			{ kind: 'paragraph', text: words.t('plan.case.answersIntro', { count: answers.length }) },
			{ kind: 'paragraph', text: words.t('plan.case.legend') },
			{
				kind: 'table',
				caption: words.t('plan.case.answers'),
				columns: [
					words.t('plan.case.time'),
					words.t('plan.case.about'),
					words.t('plan.case.answer'),
					words.t('plan.case.how'),
					words.t('plan.case.remark')
				],
				rows: answers.map((a) => [
					answeredAt(a.createdAt, meeting.date, language),
					subjectText(a.subject, words, plan),
					describeContent(a.content, language),
					describeProvenance(a.provenance, meeting, language),
					remark(a, meeting, words)
				])
			}
		);

	return {
		version: 'case-file',
		language,
		title: words.t('plan.case.docTitle', { date }),
		easyRead: false,
		footer: words.t('plan.case.footer', { date }),
		pageNumbers: true,
		blocks
	};
}

function goalText(goal: Goal, words: Words): string {
	return goal.status === 'aktiv' ? goal.text : `${goal.text} (${words.t(`plan.goalStatus.${goal.status}`)})`;
}

function themesText(goal: Goal, words: Words): CellText {
	const themes = goal.themeIds.flatMap((id) => {
		const theme = vumTheme(id);
		return theme ? [ffbText(theme.label[words.language], theme.ffb.name, words)] : [];
	});
	return themes.length > 0 ? words.join(themes, '; ') : '–';
}

function goalTypeText(goal: Goal, words: Words): CellText {
	const type = GOAL_TYPES.find((candidate) => candidate.id === goal.goalType);
	return type ? ffbText(type.label[words.language], type.ffb.name, words) : '–';
}

/** "Work – FFB: Beskæftigelse": our label, then the official FFB name, which stays Danish (marked so in English). */
function ffbText(label: string, name: string, words: Words): CellText {
	return words.withDanish(name, (ffb) => words.t('plan.case.ffb', { label, name: ffb }));
}

/**
 * The FFB terms the goals name (themes, then the måltype), each once, for a table of their codes. A code is 36 characters
 * without a space: beside its theme, in a quarter of the page, it broke at its hyphens and could not be read or copied
 * whole; in a column of its own it has room on one line.
 */
function ffbTermsOf(goals: readonly Goal[]): { name: string; code: string }[] {
	return uniqueTerms(
		goals.flatMap((goal) => [...goal.themeIds.map((id) => vumTheme(id)?.ffb), GOAL_TYPES.find((type) => type.id === goal.goalType)?.ffb])
	);
}

function uniqueTerms(terms: readonly ({ name: string; code: string } | undefined)[]): { name: string; code: string }[] {
	const named = terms.filter((term) => term !== undefined);
	return [...new Map(named.map((term) => [term.code, term])).values()];
}

/**
 * The adviser's funktionsevneniveau of each sub-theme, with the FFB codes of the sub-themes and levels: for the journal,
 * under a heading of its own and never among the citizen's answers. Left out when the adviser set none.
 */
function assessmentSection(assessments: readonly Assessment[], words: Words): Block[] {
	if (assessments.length === 0) return [];
	const rows = assessments.map((assessment) => {
		const subtheme = vumSubtheme(assessment.subthemeId)?.subtheme.ffb;
		const level = FUNCTION_LEVELS.find((l) => l.id === assessment.levelId)?.ffb;
		return {
			subtheme: subtheme ?? { name: assessment.subthemeId, code: assessment.ffbCode },
			level,
			cells: [
				words.danish(subtheme?.name ?? assessment.subthemeId),
				// The adviser's note is in the adviser's words, not marked as any language.
				words.join([words.danish(level?.name ?? assessment.levelId), ...(assessment.note ? [assessment.note] : [])], ' – ')
			]
		};
	});
	return [
		{ kind: 'heading', level: 2, text: words.t('plan.case.assessments') },
		{ kind: 'paragraph', text: words.t('plan.case.assessmentsIntro') },
		{
			kind: 'table',
			caption: words.t('plan.case.assessments'),
			columns: [words.t('plan.case.subtheme'), words.t('plan.case.level')],
			rows: rows.map((row) => row.cells),
			rowHeaders: true
		},
		...codesTable(words.t('plan.case.assessmentCodes'), uniqueTerms(rows.flatMap((row) => [row.subtheme, row.level])), words)
	];
}

/** FFB terms with their codes, in a table of their own: a code beside its term in a narrow column broke across lines. */
function codesTable(heading: string, codes: readonly { name: string; code: string }[], words: Words): Block[] {
	return [
		{ kind: 'heading', level: 3, text: heading },
		{
			kind: 'table',
			caption: heading,
			columns: [words.t('plan.case.term'), words.t('plan.case.code')],
			rows: codes.map((term) => [words.danish(term.name), term.code]),
			rowHeaders: true
		}
	];
}

function remark(answer: Answer, meeting: Meeting, words: Words): string {
	const parts = [
		...(answer.status === 'withdrawn' ? [words.t('answers.withdrawn')] : []),
		// What was recorded before a correction, in the filed document itself: once the tablet's data is gone, "Rettet" alone
		// could not show what was first given, or by whom.
		...answer.history
			.filter((revision) => revision.change === 'corrected')
			.map((revision) =>
				words.t('answers.history.corrected', {
					time: answeredAt(revision.replacedAt, meeting.date, words.language),
					answer: describeContent(revision.content, words.language),
					provenance: describeProvenance(revision.provenance, meeting, words.language)
				})
			),
		...answer.confirmations.map((c) =>
			words.t('plan.case.confirmed', { provenance: describeProvenance(c.provenance, meeting, words.language) })
		),
		// Named as a note: after a correction it read as part of what was recorded before ("…, Formidlet af (Lise, Pårørende).
		// Hun skubbede billedet væk"), though it was written with the answer as it is now.
		...(answer.note ? [words.t('answers.noteShown', { note: answer.note })] : [])
	];
	return parts.join('. ') || '–';
}

/** What an answer is about, named as specifically as the content allows: the theme with its FFB term, the card, the goal. */
function subjectText(subject: AnswerSubject, words: Words, plan: PlanSource['plan']): CellText {
	const language = words.language;
	switch (subject.kind) {
		case 'vum-theme': {
			const theme = vumTheme(subject.themeId);
			return theme
				? words.withDanish(theme.ffb.name, (name) => `${theme.label[language]} (FFB: ${name})`)
				: describeSubject(subject, language);
		}
		case 'vum-subtheme': {
			const place = vumSubtheme(subject.subthemeId);
			return place
				? words.withDanish(place.subtheme.ffb.name, (name) => `${place.subtheme.label[language]} (FFB: ${name})`)
				: describeSubject(subject, language);
		}
		case 'sheet-item': {
			const found = sheetItemById(subject.itemId);
			return found ? `${found.sheet.title[language]}: ${found.item.prompt[language]}` : describeSubject(subject, language);
		}
		case 'question': {
			const card = questionCardById(subject.questionId);
			return card ? card.text[language] : describeSubject(subject, language);
		}
		case 'goal': {
			const goal = plan?.goals.find((g) => g.id === subject.goalId);
			return goal ? words.t('plan.case.aboutGoal', { text: goal.text }) : describeSubject(subject, language);
		}
		case 'agreement': {
			const agreement = plan?.agreements.find((a) => a.id === subject.agreementId);
			return agreement ? words.t('plan.case.aboutAgreement', { text: agreement.what }) : describeSubject(subject, language);
		}
		default:
			return describeSubject(subject, language);
	}
}

/** The first words of a text item, to fit in its small box in the picture. */
const PICTURE_TEXT_MAX = 24;

function pictureLabel(content: StoryContent, language: Language): string {
	switch (content.kind) {
		case 'symbol':
			return content.label;
		case 'text':
			return content.text.length > PICTURE_TEXT_MAX ? `${content.text.slice(0, PICTURE_TEXT_MAX - 1).trimEnd()}…` : content.text;
		case 'photo':
		case 'recording':
		case 'drawing':
			return translate(language, `story.item.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/** An item as the citizen reads it in Min plan: the words or the symbol's label, or what kind of thing it is. */
function mineItemText(content: StoryContent, words: Words): string {
	switch (content.kind) {
		case 'symbol':
			return content.label;
		case 'text':
			return content.text;
		case 'photo':
		case 'recording':
		case 'drawing':
			return words.t(`plan.story.mine.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/**
 * An item in the case file: who put it there, how and when, and, when another than the citizen moved it to the area it
 * stands in at the plan's moment, who did and how: a move to another area changes what the item says.
 */
function caseItemLine(item: StoryItem, moment: number, words: Words): string {
	const language = words.language;
	const placed = { item: describeStoryContent(item.content, language), provenance: describeStoryProvenance(item.provenance, language) };
	const date = words.date(localIsoDate(new Date(item.createdAt)));
	const change = meaningChangeOf(item, -Infinity, moment);
	const placedIn = (item.history[0] ?? item).areaId;
	if (!change?.provenance || change.provenance.mode === 'selv' || change.areaId === placedIn)
		return words.t('plan.story.caseItem', { ...placed, date });
	return words.t('plan.story.caseItemMoved', {
		...placed,
		date,
		movedDate: words.date(localIsoDate(new Date(change.at))),
		movedBy: describeStoryProvenance(change.provenance, language)
	});
}

/**
 * "Min historie": the story as it stood at the meeting (storyMomentOf), drawn as a picture (areas with their items),
 * then area by area in words – short in Min plan, with who put each item there, how and when in the case file.
 * Nothing without a story.
 */
function storySection(story: readonly StoryItem[] | undefined, meeting: Meeting, words: Words, version: 'citizen' | 'case-file'): Block[] {
	const items = story ?? [];
	const moment = storyMomentOf(items, meeting);
	const now = storyAt(items, moment);
	const placed = items.flatMap((item) => {
		const state = now.get(item.id);
		return state ? [{ item, state }] : [];
	});
	if (placed.length === 0) return [];
	const template = storyTemplate(placed[0]!.item.templateId);
	const language = words.language;
	// An item whose area its template no longer has is shown in the first area rather than lost.
	const areaIds = new Set(template.areas.map((a) => a.id));
	const areaOf = (areaId: string) => (areaIds.has(areaId) ? areaId : template.areas[0]!.id);
	const areas = template.areas.map((area) => ({
		label: area.label[language],
		entries: placed.filter((p) => areaOf(p.state.areaId) === area.id).sort((a, b) => a.state.y - b.state.y || a.state.x - b.state.x)
	}));

	const summary = areas
		.map(({ label, entries }) =>
			words.t('plan.story.altArea', {
				area: label,
				items: entries.length > 0 ? words.list(entries.map((e) => pictureLabel(e.item.content, language))) : words.t('plan.story.altEmpty')
			})
		)
		.join(' ');
	const picture: StoryPicture = {
		alt: words.t(version === 'citizen' ? 'plan.story.alt' : 'plan.story.altCase', { areas: summary }),
		width: template.width,
		height: template.height,
		areas: template.areas.map((area) => ({
			x: area.x,
			y: area.y,
			w: area.w,
			h: area.h,
			label: area.label[language],
			fill: area.fill,
			stroke: area.stroke
		})),
		items: placed.map(({ item, state }) => ({
			x: state.x,
			y: state.y,
			w: state.w,
			h: state.h,
			label: pictureLabel(item.content, language),
			...(item.content.kind === 'symbol' ? { symbolId: item.content.symbolId } : {})
		}))
	};

	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: words.t('plan.story.title') },
		{ kind: 'story', picture }
	];
	for (const { label, entries } of areas) {
		blocks.push({ kind: 'heading', level: 3, text: label });
		if (entries.length === 0) {
			blocks.push({ kind: 'paragraph', text: words.t(version === 'citizen' ? 'plan.story.mine.empty' : 'plan.case.none') });
			continue;
		}
		const lines = entries.map(({ item }) =>
			version === 'citizen' ? mineItemText(item.content, words) : caseItemLine(item, moment, words)
		);
		blocks.push({ kind: 'list', items: lines });
	}
	return blocks;
}
