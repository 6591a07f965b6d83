import { describeContent, describeSubject, meetingPartItem } from '#lib/answers/describe.ts';
import { questionCardById, sheetItemById } from '#lib/content/conversation.ts';
import { FUNCTION_LEVELS, GOAL_TYPES, vumSubtheme, vumTheme } from '#lib/content/vum.ts';
import type { Answer, AnswerSubject } from '#lib/domain/answer.ts';
import type { Assessment } from '#lib/domain/assessment.ts';
import { localIsoDate, type Meeting } from '#lib/domain/meeting.ts';
import type { Goal } from '#lib/domain/plan.ts';
import { formatDateIn, formatTimeIn, type Language } from '#lib/i18n/translate.ts';
import { describeProvenance } from '#lib/provenance/describe.ts';
import type { Block, CellText, PlanDocument } from './document.ts';
import { Words } from './words.ts';
import { type PlanSource, byTime, viewsOf, nextMeetingOf, whenText } from './view-model.ts';
import { storySection } from './story-section.ts';
import { describeAnswerHistory } from '#lib/answers/revision.ts';

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
		pageNumbers: words.t('plan.page'),
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
		// What was recorded before a correction or a withdrawal, and who had confirmed it, in the filed document itself: once
		// the tablet's data is gone, "Rettet" or "Fortrudt" alone could not show what was first given, or by whom.
		...describeAnswerHistory(answer, meeting, (at) => answeredAt(at, meeting.date, words.language), words.language),
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
