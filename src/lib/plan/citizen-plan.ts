import { describeContent } from '#lib/answers/describe.ts';
import type { Answer } from '#lib/domain/answer.ts';
import type { Meeting } from '#lib/domain/meeting.ts';
import type { Agreement } from '#lib/domain/plan.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';
import type { Block, PlanDocument } from './document.ts';
import { peopleRows, Words } from './words.ts';
import { type PlanSource, byTime, viewsOf, nextMeetingOf, whenText } from './view-model.ts';
import { storySection } from './story-section.ts';

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

function ownerNames(agreement: Agreement, words: Words, citizenFirst: boolean): string {
	return words.list(agreement.who.map((owner) => (citizenFirst && owner.role === 'borger' ? words.t('plan.mine.me') : owner.name)));
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
			// A goal followed up as reached or stopped says so: shown plainly, it read as one still to work on.
			lines: [
				goal.text,
				...(goal.status === 'aktiv' ? [] : [words.t(`goals.goal.status.${goal.status}`)]),
				...(view ? [viewLine(view, meeting, words)] : [])
			]
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
