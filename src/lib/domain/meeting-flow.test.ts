import { describe, expect, it } from 'vitest';
import { FLOW_STEPS, flowReducer, startFlow, stepFromParam, stepStatus, type FlowEvent, type FlowState } from './meeting-flow';

const run = (events: FlowEvent[], from: FlowState = startFlow()) => events.reduce(flowReducer, from);

describe('the meeting flow', () => {
	it('opens at the check-in when the address names no part or an unknown one', () => {
		expect(stepFromParam(null)).toBe('check-in');
		expect(stepFromParam('findes-ikke')).toBe('check-in');
		expect(stepFromParam('opsummering')).toBe('opsummering');
	});

	it('moves on in agenda order and marks the part left as done', () => {
		const state = run([{ type: 'next' }, { type: 'next' }]);
		expect(state.step).toBe('kontakt');
		expect(state.done).toEqual(['check-in', 'emner']);
		expect(stepStatus(state, 'check-in')).toBe('done');
		expect(stepStatus(state, 'kontakt')).toBe('now');
		expect(stepStatus(state, 'feedback')).toBe('open');
	});

	it('lets a part be skipped and done later, which clears the skip', () => {
		let state = run([{ type: 'skip' }]);
		expect(state.step).toBe('emner');
		expect(stepStatus(state, 'check-in')).toBe('skipped');
		state = run([{ type: 'go', step: 'check-in' }, { type: 'next' }], state);
		expect(stepStatus(state, 'check-in')).toBe('done');
		expect(state.skipped).toEqual([]);
	});

	it('revisits any part, forwards or backwards, without forgetting what was done', () => {
		const state = run([{ type: 'next' }, { type: 'go', step: 'feedback' }, { type: 'go', step: 'forberedelse' }]);
		expect(state.step).toBe('forberedelse');
		expect(state.done).toEqual(['check-in']);
	});

	it('stays at the ends of the agenda', () => {
		expect(run([{ type: 'go', step: 'feedback' }, { type: 'next' }]).step).toBe('feedback');
		expect(run([{ type: 'go', step: 'forberedelse' }, { type: 'back' }]).step).toBe('forberedelse');
	});

	it('keeps the part through a pause, and opening any part ends the pause', () => {
		let state = run([{ type: 'next' }, { type: 'pause' }]);
		expect(state).toMatchObject({ step: 'emner', paused: true });
		expect(run([{ type: 'resume' }], state)).toMatchObject({ step: 'emner', paused: false });
		state = run([{ type: 'go', step: 'opsummering' }], state);
		expect(state).toMatchObject({ step: 'opsummering', paused: false });
	});

	it('names every part once', () => {
		expect(new Set(FLOW_STEPS).size).toBe(FLOW_STEPS.length);
	});
});
