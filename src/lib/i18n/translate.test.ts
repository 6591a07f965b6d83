import { describe, expect, it, vi } from 'vitest';
import { da } from './da.ts';
import { FIRST_SCREEN_PREFIXES, MEETING_SCREEN_KEYS, MEETING_SCREEN_PREFIXES, partOf } from './parts.ts';
import firstScreenWords from 'virtual:dictionary/da/first';
import meetingWords from 'virtual:dictionary/da/meeting';
import rest from 'virtual:dictionary/da/rest';
import { formatMeetingWhenIn, isLoadedKey, loadLanguage, translate } from './translate.ts';

describe('loading a language', () => {
	it('has Danish at once, and English only once it has been loaded', async () => {
		expect(translate('da', 'nav.home')).toBe('Borgere');
		expect(() => translate('en', 'nav.home')).toThrow(/before loadLanguage\('en'\)/);
		await loadLanguage('en');
		expect(translate('en', 'nav.home')).toBe('Citizens');
	});

	it('knows an error code of the later Danish words once English is loaded: an English tablet never loads them', async () => {
		expect(partOf('backup.notBackup')).toBe('rest');
		await loadLanguage('en');
		expect(isLoadedKey('backup.notBackup')).toBe(true);
		expect(translate('en', 'backup.notBackup')).not.toBe(translate('en', 'error.unknown'));
		expect(isLoadedKey('backup.noSuchCode')).toBe(false);
	});
});

describe('the three parts of the Danish dictionary', () => {
	it('hold every Danish key once, the first screens’ by their first segment, the meeting’s by segment or name', () => {
		expect({ ...firstScreenWords, ...meetingWords, ...rest }).toEqual(da);
		expect(Object.keys(firstScreenWords).filter((key) => key in rest || key in meetingWords)).toEqual([]);
		expect(Object.keys(meetingWords).filter((key) => key in rest)).toEqual([]);
		for (const key of Object.keys(firstScreenWords)) expect(FIRST_SCREEN_PREFIXES, key).toContain(key.split('.')[0]);
		const meetingKeys: readonly string[] = MEETING_SCREEN_KEYS;
		for (const key of Object.keys(meetingWords))
			expect(meetingKeys.includes(key) || MEETING_SCREEN_PREFIXES.some((p) => key.startsWith(`${p}.`)), key).toBe(true);
		// A key named for the meeting part that da.ts does not have would be a key renamed without its part.
		for (const key of MEETING_SCREEN_KEYS) expect(da, key).toHaveProperty([key]);
		expect(partOf('lock.title')).toBe('first');
		expect(partOf('home.title')).toBe('first');
		expect(partOf('meeting.board')).toBe('meeting');
		expect(partOf('plan.link')).toBe('meeting');
		expect(partOf('plan.title')).toBe('rest');
	});

	it('leave most words out of the first load, and most of the rest out of the meeting board’s', () => {
		const size = (words: object) => JSON.stringify(words).length;
		expect(size(firstScreenWords)).toBeLessThan(size(rest) / 2);
		expect(size(meetingWords)).toBeLessThan(size(rest) / 4);
	});

	it('loads the meeting part alone, and the rest with it when all is asked for', async () => {
		// A fresh copy of the module: the unit tests' set-up has loaded all of the Danish words into the shared one.
		vi.resetModules();
		const fresh = await import('./translate.ts');
		expect(() => fresh.translate('da', 'meeting.board')).toThrow(/before loadLanguage\('da'\)/);
		await fresh.loadLanguage('da', 'meeting');
		expect(fresh.translate('da', 'meeting.board')).toBe(da['meeting.board']);
		expect(fresh.translate('da', 'nav.home')).toBe('Borgere');
		expect(() => fresh.translate('da', 'plan.mine.title')).toThrow(/before loadLanguage\('da'\)/);
		await fresh.loadLanguage('da');
		expect(fresh.translate('da', 'plan.mine.title')).toBe(da['plan.mine.title']);
		expect(fresh.translate('da', 'meeting.board')).toBe(da['meeting.board']);
	});
});

describe('a meeting’s day and time', () => {
	it('is its day alone without a time, and the day with the time as a letter gives it when it has one', async () => {
		await loadLanguage('en');
		expect(formatMeetingWhenIn('da', { date: '2027-02-02' })).toBe('2. februar 2027');
		expect(formatMeetingWhenIn('da', { date: '2027-02-02', time: '10:00' })).toBe('2. februar 2027 kl. 10.00');
		expect(formatMeetingWhenIn('da', { date: '2027-02-02', time: '09:30' })).toBe('2. februar 2027 kl. 9.30');
		expect(formatMeetingWhenIn('en', { date: '2027-02-02', time: '14:05' })).toBe('2 February 2027 at 14:05');
	});
});
