import { describe, expect, it } from 'vitest';
import { FLOW_STEPS } from '#lib/domain/meeting-flow.ts';
import { stepSymbolUrl } from './steps.ts';

describe('the pictures of the meeting parts', () => {
	// steps.ts lists the pictures it may show rather than loading every symbol's address: a part whose picture was changed
	// in the content (agenda.json) must be added there too.
	it.each(FLOW_STEPS)('has a picture for %s', (step) => {
		expect(stepSymbolUrl(step)).toContain('.svg');
	});
});
