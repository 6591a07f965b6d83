import { MEETING, networkSheet, questionCardById, sheetItemById } from '#lib/content/conversation.ts';
import { vumSubtheme, vumTheme } from '#lib/content/vum.ts';
import { assertNever, type Answer, type AnswerSubject, type Provenance } from '#lib/domain/answer.ts';
import { findParticipant, type Meeting } from '#lib/domain/meeting.ts';
import type { Plan } from '#lib/domain/plan.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';
import { describeSubject, meetingPartName } from '#lib/answers/describe.ts';

/*
 * Opsummering: the meeting's answers grouped by the tool and theme they belong to, in plain words.
 * A group's name is what the answers are about ("Hvordan går det?", "Arbejde", "Svartavlen").
 */

/** The group an answer belongs to in the summary, by what it is about. */
export function summaryGroup(subject: AnswerSubject): string {
	const language = locale.language;
	switch (subject.kind) {
		case 'vum-theme':
			return vumTheme(subject.themeId)?.label[language] ?? describeSubject(subject);
		case 'vum-subtheme':
			return vumSubtheme(subject.subthemeId)?.theme.label[language] ?? describeSubject(subject);
		case 'sheet-item':
			return sheetItemById(subject.itemId)?.sheet.title[language] ?? describeSubject(subject);
		case 'question':
			return t('summary.questions');
		case 'network-person':
			return networkSheet().title[language];
		case 'meeting-part':
			return meetingPartName(subject.part);
		case 'core-board':
		case 'symbol-board':
		case 'canvas-item':
		case 'goal':
		case 'agreement':
			return describeSubject(subject);
		default:
			return assertNever(subject);
	}
}

/** The meeting's plan as far as the summary names its goals and agreements. */
export type SummaryPlan = Pick<Plan, 'id' | 'goals' | 'agreements'>;

/**
 * What the answer answered, when that is a question of our own content, or whom it is about: shown before the answer.
 * A network map answer names its person ("Mor", then "Længere væk"): the ring alone says nothing the citizen can confirm.
 * A view of a goal or an agreement names it by its words in `plan`, as the case file does: "Mål" and "Godt" alone did not
 * say which of two goals the citizen liked.
 */
export function summaryQuestion(subject: AnswerSubject, plan?: SummaryPlan): string | undefined {
	const language = locale.language;
	if (subject.kind === 'network-person') return subject.name;
	if (subject.kind === 'goal' || subject.kind === 'agreement') return planItemText(subject, plan);
	if (subject.kind === 'question') return questionCardById(subject.questionId)?.text[language];
	if (subject.kind === 'sheet-item') return sheetItemById(subject.itemId)?.item.prompt[language];
	if (subject.kind === 'vum-subtheme') return vumSubtheme(subject.subthemeId)?.subtheme.label[language];
	if (subject.kind !== 'meeting-part' || !subject.itemId) return undefined;
	const questions = [...MEETING.checkIn, ...MEETING.feedback, ...MEETING.aboutMe.items.map((item) => ({ id: item.id, text: item.prompt }))];
	const found = questions.find((question) => question.id === subject.itemId);
	if (found) return found.text[language];
	const contact = MEETING.contact.find((group) => group.id === subject.itemId);
	if (contact) return contact.question[language];
	return subject.part === 'preparation' ? t(`prep.${subject.itemId}` as Parameters<typeof t>[0]) : undefined;
}

function planItemText(subject: Extract<AnswerSubject, { kind: 'goal' | 'agreement' }>, plan: SummaryPlan | undefined) {
	if (plan?.id !== subject.planId) return undefined;
	if (subject.kind === 'goal') return plan.goals.find((goal) => goal.id === subject.goalId)?.text;
	return plan.agreements.find((agreement) => agreement.id === subject.agreementId)?.what;
}

/**
 * Whether an answer is for the citizen to confirm: a view of a goal or an agreement no longer in the plan (deleted) is
 * about nothing, and "Mål: Ikke godt – Rigtigt" asked about it.
 */
export function inSummary(subject: AnswerSubject, plan: SummaryPlan | undefined): boolean {
	return (subject.kind !== 'goal' && subject.kind !== 'agreement') || planItemText(subject, plan) !== undefined;
}

/** The answers in groups, each group in the order its first answer was given. */
export function groupAnswers(answers: readonly Answer[]): { name: string; answers: Answer[] }[] {
	const groups = new Map<string, Answer[]>();
	for (const answer of [...answers].reverse()) {
		const name = summaryGroup(answer.subject);
		groups.set(name, [...(groups.get(name) ?? []), answer]);
	}
	return [...groups.entries()].map(([name, list]) => ({ name, answers: list }));
}

/**
 * Who gave an answer (or confirmed it), in the words the people at the table use: the citizen's name and everyday
 * roles ("Lise (familie eller ven) på vegne af Kaj"). The case file keeps the case roles (describeProvenance).
 */
export function plainProvenance(provenance: Provenance, meeting: Meeting, citizen: string): string {
	const participant = findParticipant(meeting, provenance.participantId);
	const person =
		participant &&
		t('summary.person', { name: participant.name, role: t(`role.plain.${participant.role}`).toLocaleLowerCase(locale.language) });
	switch (provenance.mode) {
		case 'selv':
			return t('summary.by.selv', { citizen });
		case 'med-stoette':
			return person ? t('summary.by.med-stoette', { citizen, person }) : t('summary.by.med-stoetteNobody', { citizen });
		case 'formidlet':
		case 'observeret':
			// A relayed answer always names its person (validateProvenance); an observation may not.
			return person ? t(`summary.by.${provenance.mode}`, { citizen, person }) : t('summary.by.observeretNobody');
		default:
			return assertNever(provenance.mode);
	}
}
