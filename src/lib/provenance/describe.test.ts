import { describe, expect, it } from 'vitest';
import { storyProvenance } from '#lib/domain/story.ts';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { describeStoryProvenance, withLatestChanger } from './describe.ts';

const SELV = storyProvenance('selv');
const ole = storyProvenance('formidlet', { id: 'p-ole', name: 'Ole', role: 'paaroerende' });

describe('who put a story item there, and who changed it last', () => {
	it('names the latest changer after the placer when that was someone else or another way, in Danish and English', async () => {
		const placed = describeStoryProvenance(SELV, 'da');
		expect(withLatestChanger(placed, { provenance: SELV, changedBy: ole }, 'da')).toBe(
			'Borgeren selv · sidst ændret: Formidlet af (Ole, Pårørende)'
		);
		await loadLanguage('en');
		expect(withLatestChanger(describeStoryProvenance(SELV, 'en'), { provenance: SELV, changedBy: ole }, 'en')).toBe(
			'The citizen · last changed: Relayed by (Ole, Relative)'
		);
		// The citizen placed it with support and moved it alone: another way, so it is said.
		const withSupport = storyProvenance('med-stoette', { id: 'p-ole', name: 'Ole', role: 'paaroerende' });
		expect(withLatestChanger('Placed', { provenance: withSupport, changedBy: SELV }, 'da')).toBe('Placed · sidst ændret: Borgeren selv');
	});

	it('says nothing more when the placer made the change, or when who made it is not known', () => {
		expect(withLatestChanger('Placed', { provenance: ole, changedBy: ole }, 'da')).toBe('Placed');
		// The same person in a later meeting: another participant id, but shown as the same person.
		expect(withLatestChanger('Placed', { provenance: ole, changedBy: { ...ole, participantId: 'p-ole-2' } }, 'da')).toBe('Placed');
		expect(withLatestChanger('Placed', { provenance: SELV }, 'da')).toBe('Placed');
		expect(withLatestChanger('Placed', { provenance: SELV, changedBy: SELV }, 'da')).toBe('Placed');
	});
});
