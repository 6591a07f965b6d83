import { describe, expect, it } from 'vitest';
import { initialsOf, normaliseNewCitizen } from './citizen';
import {
	byMeetingDateDescending,
	createParticipant,
	isCalendarDate,
	isClockTime,
	localIsoDate,
	normaliseNewMeeting,
	withParticipantBack,
	type Meeting
} from './meeting';
import { ValidationError } from './validation';

describe('citizens', () => {
	it('trim and fold white space in the display name', () => {
		expect(normaliseNewCitizen({ displayName: '  Anna   Berg ' })).toEqual({ displayName: 'Anna Berg' });
	});

	it('refuse an empty or overlong name', () => {
		expect(() => normaliseNewCitizen({ displayName: '  ' })).toThrow(ValidationError);
		expect(() => normaliseNewCitizen({ displayName: 'x'.repeat(61) })).toThrow(ValidationError);
	});

	it('show initials for a name without photo', () => {
		expect(initialsOf('Anna Berg')).toBe('AB');
		expect(initialsOf('Ø')).toBe('Ø');
		expect(initialsOf('åse lund hansen')).toBe('ÅH');
	});
});

describe('meetings', () => {
	it('bring a removed participant back with the same id and in the same place, once', () => {
		const [bo, lise, kaj] = [
			createParticipant('Bo', 'borger'),
			createParticipant('Lise', 'paaroerende'),
			createParticipant('Kaj', 'andet')
		];
		const meeting = { participants: [bo, kaj] } as Meeting;
		const back = withParticipantBack(meeting, lise, 1);
		expect(back.participants).toEqual([bo, lise, kaj]);
		expect(withParticipantBack(back, lise, 0)).toBe(back);
		// The list may have shrunk since: the participant goes last rather than nowhere.
		expect(withParticipantBack({ participants: [bo] } as Meeting, lise, 5).participants).toEqual([bo, lise]);
	});

	it('accept only real calendar dates', () => {
		expect(isCalendarDate('2026-02-28')).toBe(true);
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2028-02-29')).toBe(true);
		expect(isCalendarDate('23-11-2026')).toBe(false);
	});

	it('validate date, phase and place', () => {
		expect(normaliseNewMeeting({ date: '2026-11-23', place: ' Bostedet ', phase: 'opfoelgning' })).toEqual({
			date: '2026-11-23',
			place: 'Bostedet',
			phase: 'opfoelgning'
		});
		expect(normaliseNewMeeting({ date: '2026-11-23', place: '   ', phase: 'opfoelgning' }).place).toBe('');
		expect(() => normaliseNewMeeting({ date: '2026-13-01', place: '', phase: 'opfoelgning' })).toThrow('error.meetingDate');
		expect(() => normaliseNewMeeting({ date: '2026-11-23', place: '', phase: 'senere' as never })).toThrow('error.meetingPhase');
	});

	it('keep a time of day only when one was given, and refuse one that is not on the clock', () => {
		const details = { date: '2027-02-02', place: '', phase: 'opfoelgning' } as const;
		expect(normaliseNewMeeting({ ...details, time: '10:00' })).toEqual({ ...details, time: '10:00' });
		expect(normaliseNewMeeting({ ...details, time: '' })).toEqual(details);
		expect(normaliseNewMeeting(details)).toEqual(details);
		for (const time of ['24:00', '9:30', '10.00', '10:60', '10:00:00']) {
			expect(() => normaliseNewMeeting({ ...details, time }), time).toThrow('error.meetingTime');
		}
		expect(['00:00', '09:30', '23:59'].every(isClockTime)).toBe(true);
	});

	it('give participants ids and check their role', () => {
		const participant = createParticipant(' Lise ', 'paaroerende');
		expect(participant).toMatchObject({ name: 'Lise', role: 'paaroerende' });
		expect(participant.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(() => createParticipant('Lise', 'nabo' as never)).toThrow('error.participantRole');
	});

	it('default to the local date and sort newest first', () => {
		expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
		const meeting = (date: string, createdAt: number) => ({ date, createdAt }) as Meeting;
		const sorted = [meeting('2026-01-01', 1), meeting('2026-03-01', 1), meeting('2026-03-01', 2)].sort(byMeetingDateDescending);
		expect(sorted.map((m) => `${m.date}/${m.createdAt}`)).toEqual(['2026-03-01/2', '2026-03-01/1', '2026-01-01/1']);
	});
});
