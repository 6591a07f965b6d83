import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCallForAction } from '#lib/domain/answer.ts';
import { AGENDA, parseAgenda } from './agenda.ts';
import { scaleById } from './scales.ts';
import type { SymbolEntry } from './symbol-manifest.ts';
import {
	ADVISER_PROMPTS,
	ANSWER_KINDS,
	CHIME_AREA_IDS,
	MEETING,
	QUESTIONS,
	SCALE_IDS,
	SHEETS,
	chimeAreaById,
	contactGroupById,
	networkSheet,
	parseAdviserPrompts,
	parseMeeting,
	parseQuestions,
	parseSheets,
	questionCardById,
	sheetItemById
} from './conversation.ts';

const files = {
	questions: { raw: readJson('questions.json'), parse: parseQuestions },
	sheets: { raw: readJson('sheets.json'), parse: parseSheets },
	'adviser-prompts': { raw: readJson('adviser-prompts.json'), parse: parseAdviserPrompts },
	meeting: { raw: readJson('meeting.json'), parse: parseMeeting },
	agenda: { raw: readJson('agenda.json'), parse: parseAgenda }
};
const manifest = JSON.parse(readFileSync('symbols/manifest.json', 'utf8')) as SymbolEntry[];
const symbolIds = new Set(manifest.map((entry) => entry.id));

function readJson(name: string): unknown {
	return JSON.parse(readFileSync(`src/lib/content/conversation/${name}`, 'utf8'));
}

/** Every object in a JSON tree, with its dotted path. */
function objects(node: unknown, path = ''): Array<[string, Record<string, unknown>]> {
	if (Array.isArray(node)) return node.flatMap((item, index) => objects(item, `${path}.${index}`));
	if (!node || typeof node !== 'object') return [];
	const record = node as Record<string, unknown>;
	return [[path, record], ...Object.entries(record).flatMap(([key, value]) => objects(value, `${path}.${key}`))];
}

/** The ids of each list of objects that carry an id, grouped by the list they sit in. */
function idLists(node: unknown): Array<[string, string[]]> {
	const lists: Array<[string, string[]]> = [];
	for (const [path, record] of objects(node)) {
		for (const [key, value] of Object.entries(record)) {
			if (Array.isArray(value) && value.every((item) => typeof item?.id === 'string'))
				lists.push([`${path}.${key}`, value.map((item) => item.id)]);
		}
	}
	return lists;
}

function symbolIdsIn(node: unknown): string[] {
	return objects(node).flatMap(([, record]) => (typeof record.symbolId === 'string' ? [record.symbolId] : []));
}

const repeated = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

describe('the conversation content', () => {
	it.each(Object.entries(files))('%s.json parses', (_, file) => {
		expect(() => file.parse(file.raw)).not.toThrow();
	});

	it.each(Object.entries(files))('%s.json has unique ids in every list', (_, file) => {
		const lists = idLists(file.raw);
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.filter(([, ids]) => repeated(ids).length > 0)).toEqual([]);
	});

	it('names each question card and sheet item once across its whole file, follow-ups included', () => {
		const cards = objects(files.questions.raw).flatMap(([, record]) => ('answers' in record ? [record.id as string] : []));
		expect(cards).toContain('loeft-et-trin-op');
		expect(repeated(cards)).toEqual([]);
		const items = objects(files.sheets.raw).flatMap(([, record]) => ('answers' in record ? [record.id as string] : []));
		expect(repeated(items)).toEqual([]);
	});

	it.each(Object.entries(files))('%s.json names only symbols that are in the set and have a picture', (_, file) => {
		for (const id of symbolIdsIn(file.raw)) {
			expect(symbolIds.has(id), `${id} is in the manifest`).toBe(true);
			expect(existsSync(`symbols/svg/${id}.svg`), `${id}.svg exists`).toBe(true);
		}
	});

	it('gives every card, item, option, step and area a symbol (the rings are drawn, the adviser reads words)', () => {
		const all = Object.values(files).flatMap((file) => objects(file.raw));
		const shown = all.filter(
			([path, record]) => ('answers' in record || 'label' in record || 'term' in record) && !/\.(groups|rings)\./.test(path)
		);
		expect(shown.length).toBeGreaterThan(50);
		expect(shown.filter(([, record]) => typeof record.symbolId !== 'string').map(([path]) => path)).toEqual([]);
	});

	it('allows only the five answer kinds and the four scales, with a scale exactly when "scale" is allowed', () => {
		const specs = Object.values(files).flatMap((file) => objects(file.raw).filter(([path]) => path.endsWith('.answers')));
		expect(specs.length).toBeGreaterThan(40);
		for (const [path, spec] of specs) {
			const kinds = spec.kinds as string[];
			expect(kinds.length, path).toBeGreaterThan(0);
			expect(
				kinds.every((kind) => (ANSWER_KINDS as readonly string[]).includes(kind)),
				path
			).toBe(true);
			expect(kinds, path).toContain(spec.defaultKind);
			if (kinds.includes('scale')) expect(SCALE_IDS, path).toContain(spec.scaleId);
			else expect(spec.scaleId, path).toBeUndefined();
		}
	});

	it("never offers the meeting's signals (pause, stop, hjælp, forstår ikke) as answers on a question's scale", () => {
		// A signal calls the people at the table (the answer board and its callout); filed as a question's answer, nobody is called.
		const isSignal = (point: { id: string; symbolId?: string }) =>
			isCallForAction(point.id) || (point.symbolId !== undefined && isCallForAction(point.symbolId));
		const specs = Object.values(files).flatMap((file) => objects(file.raw).filter(([path]) => path.endsWith('.answers')));
		const offered = specs.flatMap(([path, spec]) =>
			typeof spec.scaleId === 'string'
				? (scaleById(spec.scaleId)?.points ?? []).filter(isSignal).map((point) => `${path} (${spec.scaleId}): ${point.id}`)
				: []
		);
		expect(offered).toEqual([]);
		for (const id of SCALE_IDS) {
			expect(scaleById(id), id).toBeDefined();
			expect(
				scaleById(id)!
					.points.filter(isSignal)
					.map((point) => point.id),
				id
			).toEqual([]);
		}
	});

	it('gives every question that opens on symbols its own start symbols, each in the set, and never a signal', () => {
		// The picker shows them before anything is typed: a citizen answering by touch or switch cannot type. The check-in's
		// open question is answered in words on the meeting page (CheckInStep), without a picker.
		const specs = Object.values(files).flatMap((file) => objects(file.raw).filter(([path]) => path.endsWith('.answers')));
		const withoutStart = specs.filter(
			([path, spec]) => spec.defaultKind === 'symbols' && spec.startSymbols === undefined && !path.startsWith('.checkIn')
		);
		expect(withoutStart.map(([path]) => path)).toEqual([]);
		const listed = specs.flatMap(([path, spec]) => ((spec.startSymbols as string[] | undefined) ?? []).map((id) => [path, id]));
		expect(listed.length).toBeGreaterThan(200);
		expect(listed.filter(([, id]) => !symbolIds.has(id!) || !existsSync(`symbols/svg/${id}.svg`))).toEqual([]);
		expect(listed.filter(([, id]) => isCallForAction(id!))).toEqual([]);
	});

	it('has every text in Danish and in English', () => {
		let texts = 0;
		for (const file of Object.values(files)) {
			for (const [path, record] of objects(file.raw)) {
				if (!('da' in record || 'en' in record)) continue;
				texts++;
				expect(Object.keys(record).sort(), path).toEqual(['da', 'en']);
				expect(typeof record.da === 'string' && record.da.trim() !== '', `${path}.da`).toBe(true);
				expect(typeof record.en === 'string' && record.en.trim() !== '', `${path}.en`).toBe(true);
			}
		}
		expect(texts).toBeGreaterThan(150);
	});
});

describe('the decks, sheets and meeting parts', () => {
	it('has the five CHIME areas with two to four cards each', () => {
		expect(QUESTIONS.chime.areas.map((area) => area.id)).toEqual([...CHIME_AREA_IDS]);
		for (const area of QUESTIONS.chime.areas) expect(area.cards.length, area.id).toBeGreaterThanOrEqual(2);
		for (const area of QUESTIONS.chime.areas) expect(area.cards.length, area.id).toBeLessThanOrEqual(4);
		expect(chimeAreaById('haab').term.da).toBe('Håb');
	});

	it('asks the LØFT ladder on the 1–5 ladder, with "one step up" as its follow-up, then the exception and the miracle question', () => {
		const [ladder, ...rest] = QUESTIONS.loeft.cards;
		expect(ladder?.answers).toEqual({ kinds: ['scale'], defaultKind: 'scale', scaleId: 'stige' });
		expect(ladder?.followUp?.text.da).toBe('Hvad skal der til for ét trin op?');
		expect(questionCardById('loeft-et-trin-op')).toBe(ladder?.followUp);
		expect(rest.map((card) => card.id)).toEqual(['loeft-gaar-godt', 'loeft-alt-er-godt']);
		expect(questionCardById('findes-ikke')).toBeUndefined();
	});

	it('has the three sheets, and the network map with its rings, roles and marks', () => {
		expect(SHEETS.sheets.map((sheet) => sheet.id)).toEqual(['trivsel', 'netvaerk', 'ressourcer']);
		expect(sheetItemById('trivsel-lige-nu')?.item.answers.scaleId).toBe('ansigter');
		expect(sheetItemById('ressourcer-vil-laere')?.sheet.id).toBe('ressourcer');
		const { network } = networkSheet();
		expect(network.rings.map((ring) => ring.id)).toEqual(['taet-paa', 'midt-imellem', 'laengere-vaek']);
		expect(network.roles.map((role) => role.id)).toEqual(
			expect.arrayContaining(['familie', 'ven', 'personale', 'nabo', 'raadgiver', 'kaeledyr'])
		);
		expect(network.marks.map((mark) => mark.id)).toEqual(['med-til-moeder', 'spoerg-om-hjaelp']);
	});

	it('gives the adviser four to six prompts for the start, the middle, the end and their own perspective', () => {
		expect(ADVISER_PROMPTS.groups.map((group) => group.id)).toEqual(['start', 'midte', 'slut', 'perspektiv']);
		for (const group of ADVISER_PROMPTS.groups) {
			expect(group.prompts.length, group.id).toBeGreaterThanOrEqual(4);
			expect(group.prompts.length, group.id).toBeLessThanOrEqual(6);
		}
	});

	it('has the agenda in order, a face-scale check-in and four face-scale feedback questions', () => {
		expect(AGENDA.map((step) => step.id)).toEqual(['check-in', 'emner', 'opsummering', 'maal-og-aftaler', 'feedback']);
		expect(MEETING.checkIn[0]?.answers.scaleId).toBe('ansigter');
		expect(MEETING.feedback).toHaveLength(4);
		for (const question of MEETING.feedback) expect(question.answers.scaleId, question.id).toBe('ansigter');
	});

	it('offers the contact wishes and the "Om mig" page', () => {
		expect(contactGroupById('kanal').options.map((option) => option.id)).toEqual([
			'telefon',
			'sms',
			'digital-post',
			'video',
			'besoeg-hjemme',
			'besoeg-tilbud'
		]);
		expect(contactGroupById('hyppighed').choose).toBe('one');
		expect(MEETING.aboutMe.items.map((item) => item.id)).toEqual([
			'om-mig-ja',
			'om-mig-nej',
			'om-mig-pause',
			'om-mig-ondt',
			'om-mig-glad',
			'om-mig-hjaelper',
			'om-mig-undgaa'
		]);
	});
});

/** Reads the value at a dotted path, the notation the refusal messages use. */
function at(raw: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], raw);
}

/** A deep copy with the value at each dotted path replaced; undefined removes the key. */
function withChanges(raw: unknown, changes: Record<string, unknown>): unknown {
	const copy = structuredClone(raw);
	for (const [path, value] of Object.entries(changes)) {
		const keys = path.split('.');
		const last = keys.pop()!;
		const parent = at(copy, keys.join('.')) as Record<string, unknown>;
		if (value === undefined) delete parent[last];
		else parent[last] = value;
	}
	return copy;
}

describe('a broken copy', () => {
	const questions = files.questions.raw;
	const sheets = files.sheets.raw;

	it('is refused with the path and the reason, one line each', () => {
		const copy = withChanges(questions, { 'chime.areas.0.cards.0.text.en': undefined, 'chime.areas.1.cards.0.answers.kinds.4': 'dans' });
		expect(() => parseQuestions(copy)).toThrow(
			[
				'questions.json is not valid:',
				'chime.areas.0.cards.0.text.en: Invalid key: Expected "en" but received undefined',
				'chime.areas.1.cards.0.answers.kinds.4: answer kind must be one of scale, symbols, text, photo, recording'
			].join('\n')
		);
	});

	it('is refused when a card or item id repeats, even across areas, follow-ups and sheets', () => {
		const acrossDecks = withChanges(questions, { 'chime.areas.4.cards.0.id': 'loeft-et-trin-op' });
		expect(() => parseQuestions(acrossDecks)).toThrow('(root): duplicate card id: loeft-et-trin-op');
		const sameArea = withChanges(questions, { 'chime.areas.0.cards.1.id': at(questions, 'chime.areas.0.cards.0.id') });
		expect(() => parseQuestions(sameArea)).toThrow('chime.areas.0.cards: duplicate id: forbundethed-gode-mennesker');
		const acrossSheets = withChanges(sheets, { 'sheets.2.items.0.id': 'trivsel-glad' });
		expect(() => parseSheets(acrossSheets)).toThrow('sheets: duplicate item id across the sheets: trivsel-glad');
	});

	it('is refused when a scale is unknown, missing, or given without "scale"', () => {
		const copy = withChanges(questions, {
			'loeft.cards.0.answers.scaleId': 'termometer',
			'chime.areas.0.cards.1.answers.scaleId': undefined,
			'chime.areas.0.cards.0.answers.scaleId': 'stige',
			// The answer board's own scale holds its signals, which are not answers to a question.
			'chime.areas.2.cards.2.answers.scaleId': 'kerne'
		});
		const parse = () => parseQuestions(copy);
		expect(parse).toThrow('loeft.cards.0.answers.scaleId: scale must be one of tre-punkt, ansigter, stige, ja-nej');
		expect(parse).toThrow('chime.areas.2.cards.2.answers.scaleId: scale must be one of tre-punkt, ansigter, stige, ja-nej');
		expect(parse).toThrow('chime.areas.0.cards.1.answers.scaleId: a scaleId is needed exactly when "scale" is one of the kinds');
		expect(parse).toThrow('chime.areas.0.cards.0.answers.scaleId: a scaleId is needed exactly when "scale" is one of the kinds');
	});

	it('is refused when start symbols hold a signal, repeat, or come without "symbols"', () => {
		const copy = withChanges(questions, {
			'chime.areas.0.cards.0.answers.startSymbols': ['mor', 'stop'],
			'chime.areas.0.cards.2.answers.startSymbols': ['mor', 'mor'],
			'loeft.cards.0.answers.startSymbols': ['stige']
		});
		const parse = () => parseQuestions(copy);
		expect(parse).toThrow('chime.areas.0.cards.0.answers.startSymbols: pause, stop, hjaelp and forstaar-ikke are signals, not answers');
		expect(parse).toThrow('chime.areas.0.cards.2.answers.startSymbols: each start symbol only once');
		expect(parse).toThrow('loeft.cards.0.answers.startSymbols: startSymbols only where "symbols" is one of the kinds');
	});

	it('is refused when the default kind is not allowed or a fixed id is missing', () => {
		const card = withChanges(questions, { 'loeft.cards.1.answers.defaultKind': 'scale' });
		expect(() => parseQuestions(card)).toThrow('loeft.cards.1.answers.defaultKind: the default kind must be one of the kinds');
		const areas = withChanges(questions, { 'chime.areas': [...(at(questions, 'chime.areas') as unknown[])].reverse() });
		expect(() => parseQuestions(areas)).toThrow(
			'chime.areas: the ids must be exactly forbundethed, haab, identitet, mening, handlekraft in this order'
		);
		const rings = withChanges(sheets, { 'sheets.1.network.rings': (at(sheets, 'sheets.1.network.rings') as unknown[]).slice(0, 2) });
		expect(() => parseSheets(rings)).toThrow(
			'sheets.1.network.rings: the ids must be exactly taet-paa, midt-imellem, laengere-vaek in this order'
		);
		const map = withChanges(sheets, { 'sheets.0.network': at(sheets, 'sheets.1.network') });
		expect(() => parseSheets(map)).toThrow('sheets: the netvaerk sheet, and only that one, has a network map');
	});

	it('is refused for an empty text, an unknown field or a bad id in the other files', () => {
		const prompts = withChanges(files['adviser-prompts'].raw, { 'groups.0.prompts.0.text.da': '   ' });
		expect(() => parseAdviserPrompts(prompts)).toThrow('groups.0.prompts.0.text.da: text must not be empty');
		const meeting = withChanges(files.meeting.raw, { 'contact.0.options.0.colour': 'red' });
		expect(() => parseMeeting(meeting)).toThrow('contact.0.options.0.colour: Invalid key: Expected never but received "colour"');
		const agenda = withChanges(files.agenda.raw, { 'agenda.0.symbolId': 'Hej Med Dig' });
		expect(() => parseAgenda(agenda)).toThrow('agenda.0.symbolId: id: lower-case words joined by hyphens');
		// "What works (Solution-focused approach (LØFT))": a term is shown in brackets after its title.
		const term = withChanges(questions, { 'loeft.term.en': 'Solution-focused approach (LØFT)' });
		expect(() => parseQuestions(term)).toThrow('loeft.term: a term is shown in brackets after its title: it needs none of its own');
		const order = { agenda: [...(at(files.agenda.raw, 'agenda') as unknown[])].reverse() };
		expect(() => parseAgenda(order)).toThrow(
			'agenda: the ids must be exactly check-in, emner, opsummering, maal-og-aftaler, feedback in this order'
		);
	});
});
