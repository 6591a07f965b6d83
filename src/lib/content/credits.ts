/** What Billedtale is built from, shown on "Om Billedtale". Names and licences are facts, not prose. */
export interface Credit {
	name: string;
	what: 'symbols' | 'speech' | 'ui' | 'audio' | 'zip';
	licence: string;
	author: string;
}

export const CREDITS: Credit[] = [
	{ name: 'Billedtale-symboler', what: 'symbols', licence: 'GPL-3.0-or-later', author: 'Billedtale' },
	{ name: 'eSpeak NG (espeak-ng.js)', what: 'speech', licence: 'GPL-3.0-or-later', author: 'eSpeak NG contributors, Ian Armour' },
	{ name: 'Svelte and SvelteKit', what: 'ui', licence: 'MIT', author: 'Svelte contributors' },
	{ name: 'fflate', what: 'zip', licence: 'MIT', author: 'Arjun Barrett' }
];
