import { describe, expect, it } from 'vitest';
import { ADULT_HOLD_MS, HOLD_IDLE, holdCancel, holdPress, holdProgress, holdRelease, holdTick } from './adult-hold.ts';

describe('the adult hold', () => {
	it('leaves only after the full hold, by release or by the frame that reaches it', () => {
		const held = holdPress(HOLD_IDLE, 1000);
		expect(holdRelease(held, 1000 + ADULT_HOLD_MS - 1).outcome).toBe('tooShort');
		expect(holdRelease(held, 1000 + ADULT_HOLD_MS).outcome).toBe('done');
		expect(holdTick(held, 1000 + ADULT_HOLD_MS - 1)).toEqual({ state: held, outcome: 'none' });
		expect(holdTick(held, 1000 + ADULT_HOLD_MS)).toEqual({ state: HOLD_IDLE, outcome: 'done' });
	});

	it('a tap is too short and ends the hold, so the next press starts from nothing', () => {
		const tapped = holdRelease(holdPress(HOLD_IDLE, 0), 150);
		expect(tapped).toEqual({ state: HOLD_IDLE, outcome: 'tooShort' });
		expect(holdTick(holdPress(tapped.state, 5000), 5000 + ADULT_HOLD_MS - 1).outcome).toBe('none');
	});

	it("a key's auto-repeat does not restart the hold", () => {
		const held = holdPress(HOLD_IDLE, 0);
		const repeated = holdPress(held, 1500);
		expect(holdRelease(repeated, ADULT_HOLD_MS).outcome).toBe('done');
	});

	it('a release or frame without a press does nothing, and a cancelled hold says nothing', () => {
		expect(holdRelease(HOLD_IDLE, 99_999)).toEqual({ state: HOLD_IDLE, outcome: 'none' });
		expect(holdTick(HOLD_IDLE, 99_999).outcome).toBe('none');
		expect(holdRelease(holdCancel(), 99_999).outcome).toBe('none');
	});

	it('progress runs from 0 to 1 and stops there', () => {
		const held = holdPress(HOLD_IDLE, 0);
		expect(holdProgress(HOLD_IDLE, 500)).toBe(0);
		expect(holdProgress(held, ADULT_HOLD_MS / 2)).toBe(0.5);
		expect(holdProgress(held, ADULT_HOLD_MS * 3)).toBe(1);
	});
});
