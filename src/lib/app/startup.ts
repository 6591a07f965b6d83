import type { MessageKey } from '#lib/i18n/da.ts';
import { StorageError } from '#lib/storage/errors.ts';
import type { StorageStart } from '#lib/storage/journal-sync.ts';

/** Everything the start-up does to the page and the tablet, passed in so a test can follow the order and the outcomes. */
export interface StartupEffects {
	/** The language kept on this tablet (speech settings are read where speech is used); resolves once it can be shown. */
	restorePreferences(): Promise<void>;
	/** Compares the database with its journal, restoring or rewriting whichever is behind. */
	reconcileStorage(): Promise<StorageStart>;
	/** True once after "Slet alt". */
	consumeErasedFlag(): Promise<boolean>;
	acknowledgeEviction(): Promise<void>;
	showInfo(key: MessageKey): void;
	showError(error: Error): void;
	/** Calls back for every stored record found damaged while reading; returns how to stop. */
	watchDamagedRecords(report: (error: Error) => void): () => void;
	/** Calls back when another tab or window runs a newer Billedtale (database upgraded, or a record too new); returns how to stop. */
	watchNewerApp(report: () => void): () => void;
	/** Tells this tab that Billedtale was updated elsewhere and that a reload brings the new version. */
	showUpdatedElsewhere(): void;
	/**
	 * Resolves, with the function that stops it, once the first lock screen is known. `checkStorage` starts the journal
	 * comparison (once; later calls share it) and settles when it is done: the lock calls it when it needs the database.
	 */
	startLock(checkStorage: () => Promise<StorageStart>): Promise<() => void>;
	/** Tells automated tests (and the benchmark) that the page is interactive, not just painted. */
	markReady(): void;
	warn(message: string, error: unknown): void;
}

export interface Startup {
	/** Settles once the lock has started and the page is marked ready. */
	started: Promise<void>;
	/** Stops the lock's listeners and timers, now or as soon as it has started. */
	stop(): void;
}

/**
 * The page's start: nothing here waits for the journal except the notices about it. The journal comparison needs the
 * database's code (its IndexedDB layer, every table's validators): on a tablet with a key it runs once the passphrase is submitted, so
 * neither its download nor its ~300 ms of script (bench trace of /, issue 17) come before the passphrase screen answers.
 */
export function startApp(effects: StartupEffects): Startup {
	// A language that could not be loaded (offline before the app was cached) leaves the page in Danish.
	const preferences = effects
		.restorePreferences()
		.catch((error: unknown) => effects.warn('Billedtale: the chosen language did not load', error));
	// A damaged record is left out of what is shown; the people at the table are told that something is missing.
	const stopWatching = effects.watchDamagedRecords((error) => effects.showError(error));
	// A record from a newer Billedtale is not damage, and nothing was lost: the tab was left open across an update.
	const stopHearingNewer = effects.watchNewerApp(() => effects.showUpdatedElsewhere());
	let storageChecked: Promise<StorageStart> | undefined;
	const checkStorage = () => (storageChecked ??= reconcile(effects));

	let stopLock: (() => void) | undefined;
	let stopped = false;
	// Ready means in the chosen language too: a test or a user acting on the first screen meets the words it will keep.
	const started = Promise.all([effects.startLock(checkStorage), preferences]).then(([stop]) => {
		if (stopped) return stop();
		stopLock = stop;
		effects.markReady();
	});
	return {
		started,
		stop: () => {
			stopped = true;
			stopWatching();
			stopHearingNewer();
			stopLock?.();
		}
	};
}

/** Compares the database with its journal, then gives the notices about what it found. */
function reconcile(effects: StartupEffects): Promise<StorageStart> {
	// Persistent storage is asked for once a citizen is added (storage/eviction.ts), not at every start.
	// A failed comparison must not keep the tablet from opening: the database as it is stays usable.
	const storageChecked = effects.reconcileStorage().catch((error: unknown) => {
		effects.warn('Billedtale: the journal could not be compared with the database', error);
		return 'ready' as const;
	});
	void storageChecked
		.then(async (start) => {
			if (start === 'restored') effects.showInfo('storage.restored');
			if (start === 'restoredPartly') effects.showInfo('storage.restoredPartly');
			if (await effects.consumeErasedFlag()) effects.showInfo('erase.done');
			if (start !== 'evicted') return;
			effects.showError(new StorageError('error.storageEvicted'));
			await effects.acknowledgeEviction();
		})
		.catch((error: unknown) => effects.warn('Billedtale: the start-up notices could not be given', error));
	return storageChecked;
}
