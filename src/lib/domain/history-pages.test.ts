import { describe, expect, it } from 'vitest';
import { newestMeetingsOf } from './history-pages.ts';

describe('newestMeetingsOf', () => {
	const newestFirst = ['m5', 'm4', 'm3', 'm2', 'm1'];

	it('takes the newest ones from a longer page and says that older ones exist', () => {
		expect(newestMeetingsOf({ meetings: newestFirst, more: false }, 3)).toEqual({ meetings: ['m5', 'm4', 'm3'], more: true });
		expect(newestMeetingsOf({ meetings: newestFirst, more: true }, 5)).toEqual({ meetings: newestFirst, more: true });
	});

	it('takes a whole page that holds every meeting, however many are asked for', () => {
		expect(newestMeetingsOf({ meetings: newestFirst, more: false }, 12)).toEqual({ meetings: newestFirst, more: false });
		expect(newestMeetingsOf({ meetings: [], more: false }, 12)).toEqual({ meetings: [], more: false });
	});

	it('cannot tell from a shorter page when older meetings exist: they must be read', () => {
		expect(newestMeetingsOf({ meetings: newestFirst, more: true }, 6)).toBeUndefined();
	});
});
