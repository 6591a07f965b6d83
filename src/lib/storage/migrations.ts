import type { AnswerContent, AnswerSubject } from '#lib/domain/answer.ts';
import type { SealedTable } from './tables.ts';

/*
 * Named, ordered steps that bring a sealed payload from one version to the next. They run on opened
 * payloads, so after unlock (never inside the database's upgrade, which runs before the tablet has its key):
 * on every read, in the migration pass that rewrites old records once (migrate.ts), and on restoring
 * a backup. A released step is never edited; a change of shape is a new step with a fixture test.
 */

export interface Migration {
	table: SealedTable;
	/** The version this step reads; it writes `from + 1`. */
	from: number;
	name: string;
	run(payload: Record<string, unknown>): Record<string, unknown>;
}

/** Before subjects, an answer came from the meeting's answer board or from a symbol board; its content tells which. */
function subjectOfVersion1Answer(content: unknown): AnswerSubject {
	return (content as AnswerContent | undefined)?.kind === 'message' ? { kind: 'symbol-board' } : { kind: 'core-board' };
}

/**
 * The defaults as released with citizens version 2, written out: a copy of DEFAULT_ACCESS would follow every later
 * change of a default (and already brought in the switch keys and voice of version 3), so an old record would migrate
 * to settings it never had.
 */
const VERSION_2_ACCESS = Object.freeze({
	method: 'touch',
	scanIntervalMs: 1500,
	scanStartDelayMs: 1000,
	scanLoops: 3,
	scanSpeak: false,
	dwellMs: 1200,
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
	speakOnTap: true
});

export const MIGRATIONS: readonly Migration[] = [
	{
		table: 'answers',
		from: 1,
		name: 'answers-subject: every answer says what it is about',
		run: (payload) => ({ subject: subjectOfVersion1Answer(payload.content), ...payload })
	},
	{
		table: 'answers',
		from: 2,
		name: 'answers-confirmations: every answer lists who confirmed it in the summary ("Rigtigt"); answers from before start unconfirmed',
		run: (payload) => ({ confirmations: [], ...payload })
	},
	{
		table: 'answers',
		from: 3,
		// Nothing to change: who withdrew or restored an answer before was not kept, and stays unknown. The new version marks
		// the new shape, so an older app refuses an answer naming who took it back as too new, not as damaged.
		name: 'answers-changed-by: a withdrawal or restore keeps who made it; those from before name nobody',
		run: (payload) => payload
	},
	{
		table: 'citizens',
		from: 1,
		name: 'citizens-access: every citizen has access and visual settings, starting from touch and the defaults',
		// A copy, so no later change to the defaults can reach into a released step.
		run: (payload) => ({ access: { ...VERSION_2_ACCESS }, ...payload })
	},
	{
		table: 'citizens',
		from: 2,
		name: 'citizens-switch-keys-and-speech: switch keys Space and Enter as before, and the tablet’s voice and speed until chosen',
		run: (payload) => ({
			...payload,
			access: { switchKey: ' ', moveKey: ' ', selectKey: 'Enter', voiceURI: '', speechRate: null, ...(payload.access as object) }
		})
	},
	{
		table: 'meetings',
		from: 1,
		// Nothing to change: a meeting from before has only its day. The new version marks the new shape, so an older app that
		// meets a meeting with a time (a backup from a newer tablet) refuses it as too new, not for a field it does not know.
		name: 'meetings-time: a meeting may have a time of day; a meeting from before has its date only',
		run: (payload) => payload
	},
	{
		table: 'storyItems',
		from: 1,
		// Nothing to change: who made a change before was not kept, and stays unknown. The new version marks the new shape,
		// so an older app refuses an item with a change's provenance as too new, not for fields it does not know.
		name: 'story-change-provenance: a story item keeps who made each change and how; changes from before name nobody',
		run: (payload) => payload
	},
	{
		table: 'plans',
		from: 1,
		// Nothing to change: a plan from before agreed the next meeting's day only. The new version marks the new shape, so
		// an older app refuses a plan with a time as too new, not for a field it does not know.
		name: 'plans-next-meeting-time: the next meeting may have a time of day; a plan from before has its date only',
		run: (payload) => payload
	}
];
