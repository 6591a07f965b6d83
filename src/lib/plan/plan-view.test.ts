import { render } from 'svelte/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { ANSWERS, MEETING, PLAN } from './fixture.test-data.ts';
import PlanView from './PlanView.svelte';
import { caseFilePlan } from './case-file.ts';

// English is loaded on demand in the app; the English case file needs it.
beforeAll(() => loadLanguage('en'));

const source = { citizen: { displayName: 'Signe Hansen' }, meeting: MEETING, answers: ANSWERS, plan: PLAN, language: 'da' as const };

/** The page as the server renders it, without Svelte's hydration comments and scoped class names. */
const html = (language: 'da' | 'en') =>
	render(PlanView, { props: { document: caseFilePlan({ ...source, language }) } })
		.body.replace(/<!--[^>]*-->/g, '')
		.replace(/ class="svelte-[\w-]+"/g, '')
		.replace(/ svelte-[\w-]+"/g, '"');

describe('the case file on the tablet', () => {
	it('marks the Danish FFB names lang="da" in an English case file, so a screen reader says them in Danish', () => {
		const english = html('en');
		expect(english).toContain('<article class="plan" lang="en">');
		// The goal's theme: our English label, then the official Danish name.
		expect(english).toContain('<td>Me and other people – FFB: <span lang="da">Relationer</span></td>');
		// The table of FFB codes: the term alone.
		expect(english).toContain('<th scope="row"><span lang="da">Relationer</span></th>');
	});

	it('marks nothing in a Danish case file, where the names are in the document’s own language', () => {
		const danish = html('da');
		expect(danish).toContain('<td>Mig og andre mennesker – FFB: Relationer</td>');
		expect(danish).not.toContain('<span lang=');
	});
});
