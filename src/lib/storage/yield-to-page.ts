/**
 * Lets waiting input and rendering run first: scheduler.yield() where the browser has it (its continuation comes before
 * other queued tasks and is never clamped as nested timers are), else a new task.
 */
export function yieldToPage(): Promise<void> {
	return 'scheduler' in globalThis ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
