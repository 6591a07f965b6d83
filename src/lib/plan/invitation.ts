import type { Block, PlanDocument } from './document.ts';
import type { PlanSource } from './view-model.ts';
import { peopleRows, Words } from './words.ts';

/** The invitation letter (samarbejdsbrev) for a planned meeting: when, where, who, what, and how to say what suits you. */
export function invitationLetter(source: Omit<PlanSource, 'plan'>): PlanDocument {
	const { meeting, language } = source;
	const words = new Words(language);
	const date = words.date(meeting.date);
	const { present, wanted } = peopleRows(meeting, source.answers, words, 'plan.invite.wanted');
	// Who is invited and whom the citizen asked for: the letter asks them to say if someone is missing.
	const people = [...present, ...wanted];
	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: words.t('plan.invite.title') },
		{ kind: 'row', figure: words.figure('kalender'), lines: [words.t('plan.invite.when', { date: words.when(meeting) })] },
		{
			kind: 'row',
			figure: words.figure('moede'),
			lines: [meeting.place ? words.t('plan.invite.where', { place: meeting.place }) : words.t('plan.invite.whereOpen')]
		}
	];
	if (people.length > 0) blocks.push({ kind: 'heading', level: 2, text: words.t('plan.invite.who') }, ...people);
	blocks.push(
		{ kind: 'heading', level: 2, text: words.t('plan.invite.what') },
		{ kind: 'row', figure: words.figure('snakke'), lines: [words.t(`plan.invite.topic.${meeting.phase}`)] },
		{ kind: 'heading', level: 2, text: words.t('plan.invite.say') },
		// The letter asks whether the time suits only when it gives a time; for a meeting with its day alone it asks about the day.
		meeting.time
			? { kind: 'row', figure: words.figure('ur'), lines: [words.t('plan.invite.sayTime')] }
			: { kind: 'row', figure: words.figure('kalender'), lines: [words.t('plan.invite.sayDay')] },
		{ kind: 'row', figure: words.figure('sammen'), lines: [words.t('plan.invite.sayWho')] },
		{ kind: 'row', figure: words.figure('sige-noget'), lines: [words.t('plan.invite.sayHow')] }
	);
	return {
		version: 'invitation',
		language,
		title: words.t('plan.invite.docTitle', { date }),
		easyRead: true,
		footer: words.t('plan.invite.footer', { date }),
		blocks
	};
}
