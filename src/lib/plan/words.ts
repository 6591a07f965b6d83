import { networkSheet } from '#lib/content/conversation.ts';
import { symbolById } from '#lib/content/symbol-set.ts';
import type { Answer } from '#lib/domain/answer.ts';
import type { Meeting, Participant, ParticipantRole } from '#lib/domain/meeting.ts';
import { wantedPeople } from '#lib/domain/meeting-people.ts';
import type { NetworkPersonSubject } from '#lib/domain/network-map.ts';
import { formatDateIn, formatMeetingWhenIn, translate, type Language, type MessageKey } from '#lib/i18n/translate.ts';
import type { Block, CellText, Figure } from './document.ts';

/*
 * What the plan documents (citizen-plan.ts, case-file.ts) and the invitation letter (invitation.ts) say alike: words in the document's
 * language, symbols with their alt text, and the people of a meeting as easy-read rows.
 */

/** The symbol a role is shown with in Min plan and the invitation. */
const ROLE_SYMBOLS: Record<ParticipantRole, string> = {
	borger: 'mig',
	paaroerende: 'paaroerende',
	udfoerer: 'personale',
	raadgiver: 'raadgiver',
	vaerge: 'vaerge',
	andet: 'gruppe'
};

const NAME_MARK = '\u0000';

export class Words {
	constructor(readonly language: Language) {}
	t(key: MessageKey, params?: Record<string, string | number>): string {
		return translate(this.language, key, params);
	}
	date(isoDate: string): string {
		return formatDateIn(this.language, isoDate);
	}
	/** When the meeting is or was: its date, with its time of day when it has one ("2. februar 2027 kl. 10.00"). */
	when(meeting: Pick<Meeting, 'date' | 'time'>): string {
		return formatMeetingWhenIn(this.language, meeting);
	}
	list(items: string[]): string {
		return new Intl.ListFormat(this.language, { style: 'long', type: 'conjunction' }).format(items);
	}
	/** An official Danish name (an FFB term) as a cell: marked Danish when the document is in another language. */
	danish(name: string): CellText {
		return this.language === 'da' ? name : [{ text: name, lang: 'da' }];
	}
	/** A text around an official Danish `name` ("Work – FFB: Beskæftigelse"), with the name marked as in `danish`. */
	withDanish(name: string, text: (name: string) => string): CellText {
		if (this.language === 'da') return text(name);
		// The words around the name come from the dictionary; a mark no translation holds finds where the name goes.
		const [before = '', after = ''] = text(NAME_MARK).split(NAME_MARK);
		return [...(before ? [{ text: before }] : []), { text: name, lang: 'da' as const }, ...(after ? [{ text: after }] : [])];
	}
	/** Cells joined as one ("Work – FFB: Beskæftigelse; Health – FFB: Sundhed"), keeping each part's language. */
	join(cells: CellText[], separator: string): CellText {
		if (cells.every((cell) => typeof cell === 'string')) return cells.join(separator);
		return cells.flatMap((cell, i) => [...(i > 0 ? [{ text: separator }] : []), ...(typeof cell === 'string' ? [{ text: cell }] : cell)]);
	}
	figure(symbolId: string): Figure {
		const label = symbolById(symbolId)?.label[this.language] ?? symbolId;
		return { symbolId, alt: this.t('plan.alt.symbol', { label }) };
	}
	/** A person's photo the citizen chose, with their role's symbol in reserve. */
	photo(symbolId: string, photoId: string, name: string): Figure {
		return { symbolId, photoId, alt: this.t('plan.alt.photo', { name }) };
	}
}

/**
 * The participant roles a person of each network-map role can sit at the table as. A chosen person and a participant
 * share nothing but the name, and first names repeat (Anne, Lars): the sister Anne is not the adviser Anne. A person
 * without a role, or of a role not listed, can be anyone.
 */
const TABLE_ROLES: Partial<Record<string, readonly ParticipantRole[]>> = {
	familie: ['paaroerende', 'vaerge', 'andet'],
	ven: ['paaroerende', 'vaerge', 'andet'],
	kaereste: ['paaroerende', 'vaerge', 'andet'],
	nabo: ['paaroerende', 'vaerge', 'andet'],
	kollega: ['paaroerende', 'vaerge', 'andet'],
	personale: ['udfoerer', 'andet'],
	laege: ['udfoerer', 'andet'],
	raadgiver: ['raadgiver', 'andet'],
	vaerge: ['vaerge', 'paaroerende', 'andet'],
	kaeledyr: ['andet']
};

/**
 * The people of a meeting as easy-read rows: those at the table (`present`), with the photo of the person the citizen
 * chose in the preparation ("Hvem vil du have med?") who has their name and fits their role, and the chosen people not
 * at the table (`wanted`), apart, so no document says they were there. Each chosen person is one participant at most.
 * `extra` adds lines to a participant's row (what they will do, in Min plan).
 */
export function peopleRows(
	meeting: Meeting,
	answers: readonly Answer[],
	words: Words,
	wantedLine: MessageKey,
	extra: (person: Participant) => string[] = () => []
): { present: Block[]; wanted: Block[] } {
	const language = words.language;
	const wanted = wantedPeople(answers);
	const same = (a: string, b: string) => a.trim().toLocaleLowerCase(language) === b.trim().toLocaleLowerCase(language);
	const fits = (chosen: NetworkPersonSubject, person: Participant) =>
		same(chosen.name, person.name) && (TABLE_ROLES[chosen.roleId ?? '']?.includes(person.role) ?? true);
	const figureOf = (chosen: NetworkPersonSubject | undefined, symbolId: string, name: string) =>
		chosen?.photoId ? words.photo(symbolId, chosen.photoId, name) : words.figure(symbolId);
	const absent = [...wanted];
	const present: Block[] = meeting.participants
		.filter((person) => person.role !== 'borger')
		.map((person) => {
			const at = absent.findIndex((chosen) => fits(chosen, person));
			const [chosen] = at < 0 ? [] : absent.splice(at, 1);
			return {
				kind: 'row',
				figure: figureOf(chosen, ROLE_SYMBOLS[person.role], person.name),
				lines: [
					words.t('plan.mine.person', { name: person.name, role: words.t(`role.plain.${person.role}`).toLocaleLowerCase(language) }),
					...extra(person)
				]
			};
		});
	return {
		present,
		wanted: absent.map((chosen) => ({
			kind: 'row',
			figure: figureOf(
				chosen,
				networkSheet().network.roles.find((r) => r.id === chosen.roleId)?.symbolId ?? ROLE_SYMBOLS.andet,
				chosen.name
			),
			lines: [words.t(wantedLine, { name: chosen.name })]
		}))
	};
}
