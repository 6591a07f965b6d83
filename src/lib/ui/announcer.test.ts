import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { announcer, SAID_FOR_MS } from './announcer.svelte.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
	announcer.clear();
	vi.useRealTimers();
});

it('says the words, then empties the live region, so they are not read out on the pages after', () => {
	announcer.say('Mor Anne er med i mødet.');
	vi.advanceTimersByTime(50);
	expect(announcer.message).toBe('Mor Anne er med i mødet.');
	vi.advanceTimersByTime(SAID_FOR_MS - 1);
	expect(announcer.message).toBe('Mor Anne er med i mødet.');
	vi.advanceTimersByTime(1);
	expect(announcer.message).toBe('');
});

it('keeps newer words their full time, and a clear (the lock) takes words still on their way too', () => {
	announcer.say('Lise er med i mødet.');
	vi.advanceTimersByTime(SAID_FOR_MS - 100);
	announcer.say('Svaret Ja er fortrudt.');
	vi.advanceTimersByTime(200);
	expect(announcer.message).toBe('Svaret Ja er fortrudt.');
	announcer.say('Tavlen Følelser');
	announcer.clear();
	vi.advanceTimersByTime(100);
	expect(announcer.message).toBe('');
});
