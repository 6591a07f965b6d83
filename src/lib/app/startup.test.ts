import { describe, expect, it } from 'vitest';
import { StorageError } from '#lib/storage/errors.ts';
import { errorMessage } from '#lib/i18n/index.svelte.ts';
import { DamagedRecordError, NewerRecordError } from '#lib/storage/registry.ts';
import type { StorageStart } from '#lib/storage/journal-sync.ts';
import { startApp, type StartupEffects } from './startup.ts';

/** Effects that write what happens, in order, to `calls`; the lock starts when the test says so. */
function recordingEffects(storage: () => Promise<StorageStart>, options: { erased?: boolean; preferences?: () => Promise<void> } = {}) {
	const calls: string[] = [];
	const errors: Error[] = [];
	let reportDamage: ((error: Error) => void) | undefined;
	let reportNewer: (() => void) | undefined;
	let lockStarted = (): void => undefined;
	let lockStopped = 0;
	let lockCheck: (() => Promise<StorageStart>) | undefined;
	const effects: StartupEffects = {
		restorePreferences: () => {
			calls.push('preferences');
			return options.preferences?.() ?? Promise.resolve();
		},
		reconcileStorage: () => {
			calls.push('reconcile');
			return storage();
		},
		consumeErasedFlag: () => Promise.resolve(options.erased === true),
		acknowledgeEviction: () => Promise.resolve(void calls.push('acknowledgeEviction')),
		showInfo: (key) => void calls.push(`info ${key}`),
		showError: (error) => {
			errors.push(error);
			calls.push(`error ${(error as { code?: string }).code}`);
		},
		watchDamagedRecords: (report) => {
			reportDamage = report;
			return () => (reportDamage = undefined);
		},
		watchNewerApp: (report) => {
			reportNewer = report;
			return () => (reportNewer = undefined);
		},
		showUpdatedElsewhere: () => void calls.push('updated elsewhere'),
		startLock: (checkStorage) => {
			calls.push('lock');
			lockCheck = checkStorage;
			return new Promise((resolve) => {
				lockStarted = () => {
					calls.push('lock started');
					resolve(() => void lockStopped++);
				};
			});
		},
		markReady: () => void calls.push('ready'),
		warn: (message) => void calls.push(`warn ${message}`)
	};
	return {
		effects,
		calls,
		errors,
		startLock: () => lockStarted(),
		lockStops: () => lockStopped,
		/** The lock asks for the journal check, as it does when the tablet has no key or the passphrase is submitted. */
		checkStorage: () => lockCheck!(),
		damage: (error: Error) => reportDamage?.(error),
		watchingDamage: () => reportDamage !== undefined,
		newerApp: () => reportNewer?.(),
		watchingNewer: () => reportNewer !== undefined
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('start-up', () => {
	it('restores the settings and starts the lock without the journal, which is compared once, when the lock asks', async () => {
		let finishReconcile = (_: StorageStart): void => undefined;
		const run = recordingEffects(() => new Promise((resolve) => (finishReconcile = resolve)));
		const startup = startApp(run.effects);
		expect(run.calls).toEqual(['preferences', 'lock']);

		run.startLock();
		await startup.started;
		expect(run.calls.slice(-2)).toEqual(['lock started', 'ready']);
		expect(run.calls).not.toContain('reconcile');
		const first = run.checkStorage();
		const second = run.checkStorage();
		finishReconcile('ready');
		await expect(first).resolves.toBe('ready');
		await expect(second).resolves.toBe('ready');
		expect(run.calls.filter((call) => call === 'reconcile')).toHaveLength(1);
		await settle();
		expect(run.calls.filter((call) => call.startsWith('info') || call.startsWith('error'))).toEqual([]);
	});

	it('marks the page ready only after the lock has started', async () => {
		const run = recordingEffects(async () => 'ready');
		const startup = startApp(run.effects);
		await settle();
		expect(run.calls).not.toContain('ready');
		run.startLock();
		await startup.started;
		expect(run.calls.indexOf('ready')).toBe(run.calls.indexOf('lock started') + 1);
	});

	it('marks the page ready only once the chosen language can be shown', async () => {
		let languageLoaded = (): void => undefined;
		const run = recordingEffects(async () => 'ready', { preferences: () => new Promise((resolve) => (languageLoaded = resolve)) });
		const startup = startApp(run.effects);
		run.startLock();
		await settle();
		expect(run.calls).toContain('lock started');
		expect(run.calls).not.toContain('ready');
		languageLoaded();
		await startup.started;
		expect(run.calls.at(-1)).toBe('ready');
	});

	it('still opens, in Danish, when the chosen language does not load', async () => {
		const run = recordingEffects(async () => 'ready', { preferences: () => Promise.reject(new Error('offline')) });
		const startup = startApp(run.effects);
		run.startLock();
		await startup.started;
		expect(run.calls).toContain('warn Billedtale: the chosen language did not load');
		expect(run.calls.at(-1)).toBe('ready');
	});

	it('says so when the database was brought back from the journal', async () => {
		const run = recordingEffects(async () => 'restored');
		startApp(run.effects);
		void run.checkStorage();
		await settle();
		expect(run.calls).toContain('info storage.restored');
		expect(run.calls).not.toContain('acknowledgeEviction');
	});

	it('does not say that everything came back when the journal it came from was damaged', async () => {
		const run = recordingEffects(async () => 'restoredPartly');
		startApp(run.effects);
		void run.checkStorage();
		await settle();
		expect(run.calls).toContain('info storage.restoredPartly');
		expect(run.calls).not.toContain('info storage.restored');
	});

	it('tells of an evicted database as an error, once: the marker is acknowledged after the notice', async () => {
		const run = recordingEffects(async () => 'evicted');
		startApp(run.effects);
		void run.checkStorage();
		await settle();
		expect(run.errors).toHaveLength(1);
		expect(run.errors[0]).toBeInstanceOf(StorageError);
		expect(run.calls.slice(-2)).toEqual(['error error.storageEvicted', 'acknowledgeEviction']);
	});

	it('tells that everything was erased after "Slet alt"', async () => {
		const run = recordingEffects(async () => 'ready', { erased: true });
		startApp(run.effects);
		void run.checkStorage();
		await settle();
		expect(run.calls).toContain('info erase.done');
	});

	it('still starts the lock, with the database as it is, when the journal comparison fails', async () => {
		const run = recordingEffects(async () => {
			throw new Error('journal unreadable');
		});
		const startup = startApp(run.effects);
		await expect(run.checkStorage()).resolves.toBe('ready');
		run.startLock();
		await startup.started;
		expect(run.calls).toContain('warn Billedtale: the journal could not be compared with the database');
		expect(run.calls.slice(-2)).toEqual(['lock started', 'ready']);
		expect(run.errors).toEqual([]);
	});

	it('tells of a damaged record while the page lives, and stops listening when it goes', async () => {
		const run = recordingEffects(async () => 'ready');
		const startup = startApp(run.effects);
		const damaged = new DamagedRecordError('answers', 'a1', ['content: invalid']);
		run.damage(damaged);
		expect(run.errors).toEqual([damaged]);
		expect(run.calls).toContain('error error.damagedRecord');
		startup.stop();
		expect(run.watchingDamage()).toBe(false);
	});

	it('words a record from a newer Billedtale as an update to reload for, not as damage', () => {
		const newer = new NewerRecordError('meetings', 'm1', ['payload version 3 is newer than this app']);
		expect(errorMessage(newer)).toBe(
			'Billedtale er blevet opdateret i en anden fane eller et andet vindue. Genindlæs siden for at bruge den nye udgave. Intet er slettet.'
		);
		expect(errorMessage(newer)).not.toContain('beskadiget');
	});

	it('tells of a newer Billedtale in another tab as an update to reload for, not as damage', async () => {
		const run = recordingEffects(async () => 'ready');
		const startup = startApp(run.effects);
		run.newerApp();
		expect(run.calls).toContain('updated elsewhere');
		expect(run.errors).toEqual([]);
		startup.stop();
		expect(run.watchingNewer()).toBe(false);
	});

	it('stops the lock when the page goes, also when that happens before the lock has started', async () => {
		const run = recordingEffects(async () => 'ready');
		const early = startApp(run.effects);
		early.stop();
		run.startLock();
		await early.started;
		expect(run.lockStops()).toBe(1);
		expect(run.calls).not.toContain('ready');

		const late = recordingEffects(async () => 'ready');
		const startup = startApp(late.effects);
		late.startLock();
		await startup.started;
		startup.stop();
		expect(late.lockStops()).toBe(1);
	});
});
