import { errorMessage } from '#lib/i18n/index.svelte.ts';

/** The one place where failures are told to the user, so no error is swallowed by a component. */
class Notices {
	error = $state<string | undefined>(undefined);
	info = $state<string | undefined>(undefined);

	showError(error: unknown): void {
		this.info = undefined;
		this.error = errorMessage(error);
	}

	showInfo(message: string): void {
		this.error = undefined;
		this.info = message;
	}

	/** A message about what was done may name a citizen; the lock screens must not keep it. */
	clearInfo(): void {
		this.info = undefined;
	}

	clear(): void {
		this.error = undefined;
		this.info = undefined;
	}
}

export const notices = new Notices();

/** Runs a user action and reports its failure; resolves to whether it succeeded. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
	try {
		await action();
		return true;
	} catch (error) {
		notices.showError(error);
		return false;
	}
}
