import * as v from 'valibot';

/*
 * How one citizen reaches the screen and how it should look for them. Part of the citizen's communication profile, so
 * it is kept (sealed) in the citizen's record and travels with their backup to another tablet.
 */

export const ACCESS_METHODS = ['touch', 'one-switch', 'two-switch', 'dwell'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

export const LABEL_POSITIONS = ['below', 'above', 'hidden'] as const;
export type LabelPosition = (typeof LABEL_POSITIONS)[number];

export const CELL_SIZES = ['normal', 'large', 'extra-large'] as const;
export type CellSize = (typeof CELL_SIZES)[number];

export const GRID_DENSITIES = ['normal', 'roomy'] as const;
export type GridDensity = (typeof GRID_DENSITIES)[number];

/** Bounds of every adjustable time, in milliseconds: wide enough for slow movers, never zero where zero means "never". */
export const RANGES = {
	scanIntervalMs: { min: 500, max: 10_000, step: 100 },
	scanStartDelayMs: { min: 0, max: 10_000, step: 100 },
	scanLoops: { min: 1, max: 10, step: 1 },
	dwellMs: { min: 300, max: 5_000, step: 100 },
	ignoreRepeatsMs: { min: 0, max: 3_000, step: 50 },
	holdMs: { min: 0, max: 3_000, step: 50 }
} as const;

export interface AccessProfile {
	method: AccessMethod;
	/** How long each row or cell stays highlighted in automatic scanning. */
	scanIntervalMs: number;
	/** Extra time on the first row or cell of a pass, so the citizen can get ready. */
	scanStartDelayMs: number;
	/** Passes without a choice before automatic scanning stops and waits for the switch again. */
	scanLoops: number;
	/** Say the name of what is highlighted. */
	scanSpeak: boolean;
	dwellMs: number;
	/** A second tap within this time is ignored (tremor, double taps). 0 turns the filter off. */
	ignoreRepeatsMs: number;
	/** The press must last this long before it counts. */
	holdMs: number;
	/** Select when the finger goes down or when it is lifted (then it can slide off to cancel). */
	activateOn: 'press' | 'release';
	cellSize: CellSize;
	density: GridDensity;
	labels: LabelPosition;
	highContrast: boolean;
	largeText: boolean;
	reducedMotion: boolean;
	colourCoding: boolean;
	speakOnTap: boolean;
	/** The key that is the one switch (a USB switch interface sends a key too), as KeyboardEvent.key. */
	switchKey: string;
	/** With two switches: the key that moves the highlight and the key that chooses. */
	moveKey: string;
	selectKey: string;
	/** The citizen's own voice (a device voice's URI or 'offline'); '' speaks with the tablet's voice. */
	voiceURI: string;
	/** The citizen's own speed; null speaks at the tablet's speed. */
	speechRate: number | null;
}

export const DEFAULT_ACCESS: AccessProfile = {
	method: 'touch',
	scanIntervalMs: 1500,
	scanStartDelayMs: 1000,
	scanLoops: 3,
	scanSpeak: false,
	dwellMs: 1200,
	// A double tap lands within ~300 ms; a deliberate second answer takes longer.
	ignoreRepeatsMs: 400,
	holdMs: 0,
	activateOn: 'release',
	cellSize: 'normal',
	density: 'normal',
	labels: 'below',
	highContrast: false,
	largeText: false,
	reducedMotion: false,
	colourCoding: true,
	speakOnTap: true,
	// What keyboard-emulating switch interfaces most often send out of the box, so a switch works before anyone chooses its
	// keys. They are also the keys that press a focused button: switchPress says which of the two a press is.
	switchKey: ' ',
	moveKey: ' ',
	selectKey: 'Enter',
	// Until someone chooses for the citizen, the tablet's voice and speed (as before speech was per citizen).
	voiceURI: '',
	speechRate: null
};

const ranged = (range: { min: number; max: number }) => v.pipe(v.number(), v.integer(), v.minValue(range.min), v.maxValue(range.max));

/** Speech speed, as SpeechSynthesisUtterance.rate (1 is normal). */
export const SPEECH_RATE = { min: 0.5, max: 2, step: 0.1 } as const;

/* Switch keys: any key a keyboard or a switch interface sends, except the few the adviser needs to work the tablet. */

export const SWITCH_KEY_FIELDS = ['switchKey', 'moveKey', 'selectKey'] as const;
export type SwitchKeyField = (typeof SWITCH_KEY_FIELDS)[number];

/** Tab and Shift move the keyboard focus, Escape closes dialogs: as a switch they would trap a keyboard user. */
const RESERVED_KEYS = new Set([
	'Tab',
	'Escape',
	'Shift',
	'Control',
	'Alt',
	'Meta',
	'AltGraph',
	'CapsLock',
	'Dead',
	'Unidentified',
	'Process'
]);

const switchKeySchema = v.pipe(
	v.string(),
	v.nonEmpty(),
	v.maxLength(30),
	v.check((key) => !RESERVED_KEYS.has(key), 'a key free for a switch')
);

/** Why `key` cannot be the switch in `field` (a message key), or undefined when it can. */
export function switchKeyProblem(
	profile: AccessProfile,
	field: SwitchKeyField,
	key: string
): 'access.keyReserved' | 'access.keySameAsOther' | undefined {
	if (!v.is(switchKeySchema, key)) return 'access.keyReserved';
	// The two switches must differ, or every press would both move and choose.
	const other = field === 'moveKey' ? profile.selectKey : field === 'selectKey' ? profile.moveKey : undefined;
	return other === key ? 'access.keySameAsOther' : undefined;
}

/** Which switch a key is for the profile's method, if any. */
export function switchOf(profile: AccessProfile, key: string): 'move' | 'select' | undefined {
	if (profile.method === 'one-switch') return key === profile.switchKey ? 'select' : undefined;
	if (profile.method !== 'two-switch') return undefined;
	if (key === profile.moveKey) return 'move';
	return key === profile.selectKey ? 'select' : undefined;
}

/*
 * Whose is a key press: the citizen's switch or the keyboard's? A switch interface is a keyboard to the tablet, and the
 * keys it sends out of the box are Space and Enter, the very keys that press a focused button, so the key alone cannot
 * tell. The rule goes by where the focus is and how it got there (the access area tells which, see area.ts):
 * - 'typing': a text field or a list box. Someone tapped or tabbed into it and types; every key it uses is theirs.
 * - 'dialog': an open dialog is the adviser's, and the citizen's screen behind it is out of reach: no key is a switch. A
 *   dialog made for the citizen too ("Ret svar" on the summary) is theirs instead: inside it the other rules hold, and
 *   only its targets are scanned.
 * - 'keyboard': a control outside the citizen's targets (the adviser's panel, the menu, "Videre", a check box) that the
 *   keyboard moved the focus to, with Tab or arrows, or that the focus came back to after a key the keyboard used (closing
 *   a dialog with Escape). Space and Enter press it, as on any page, and do not scan.
 * - 'citizen': anything else: no focus, a heading, one of the citizen's own targets (even one Tab reached: a switch press
 *   must never answer for the citizen), a control a pointer focused (a mouse leaves a button focused) or the app focused
 *   after a pointer's press or a switch press.
 * A switch key that the focused element does not use (F9, or 1 beside a button) is the switch wherever the focus is
 * (but in a dialog), and a key taken as the switch is kept from the focused control, so one press is never both a scan
 * step and a press of it.
 */
export type KeyFocus = 'typing' | 'dialog' | 'keyboard' | 'citizen';

/** Keys a focused button, link, check box, radio or slider acts on. */
const CONTROL_KEYS = new Set([' ', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/** Keys a text field acts on: whatever types a character, and the keys that edit, move the caret or submit. */
const usedInText = (key: string) => key.length === 1 || CONTROL_KEYS.has(key) || key === 'Backspace' || key === 'Delete';

/** The switch a key press is, with the focus where it is; undefined: the key is not the citizen's (see KeyFocus). */
export function switchPress(profile: AccessProfile, key: string, focus: KeyFocus): 'move' | 'select' | undefined {
	const which = switchOf(profile, key);
	if (!which || focus === 'dialog') return undefined;
	if (focus === 'typing' && usedInText(key)) return undefined;
	if (focus === 'keyboard' && CONTROL_KEYS.has(key)) return undefined;
	return which;
}

export const accessProfileSchema = v.strictObject({
	method: v.picklist(ACCESS_METHODS),
	scanIntervalMs: ranged(RANGES.scanIntervalMs),
	scanStartDelayMs: ranged(RANGES.scanStartDelayMs),
	scanLoops: ranged(RANGES.scanLoops),
	scanSpeak: v.boolean(),
	dwellMs: ranged(RANGES.dwellMs),
	ignoreRepeatsMs: ranged(RANGES.ignoreRepeatsMs),
	holdMs: ranged(RANGES.holdMs),
	activateOn: v.picklist(['press', 'release']),
	cellSize: v.picklist(CELL_SIZES),
	density: v.picklist(GRID_DENSITIES),
	labels: v.picklist(LABEL_POSITIONS),
	highContrast: v.boolean(),
	largeText: v.boolean(),
	reducedMotion: v.boolean(),
	colourCoding: v.boolean(),
	speakOnTap: v.boolean(),
	switchKey: switchKeySchema,
	moveKey: switchKeySchema,
	selectKey: switchKeySchema,
	voiceURI: v.pipe(v.string(), v.maxLength(500)),
	speechRate: v.nullable(v.pipe(v.number(), v.minValue(SPEECH_RATE.min), v.maxValue(SPEECH_RATE.max)))
});

/** A change from a form: numbers are brought into their range, so a slider can never store a value the schema refuses. */
export function changeAccess(profile: AccessProfile, change: Partial<AccessProfile>): AccessProfile {
	const next = { ...profile, ...change };
	for (const key of Object.keys(RANGES) as (keyof typeof RANGES)[]) {
		const { min, max } = RANGES[key];
		const value = Number.isFinite(next[key]) ? Math.round(next[key]) : DEFAULT_ACCESS[key];
		next[key] = Math.min(max, Math.max(min, value));
	}
	return v.parse(accessProfileSchema, next);
}
