/** The parts of the Danish dictionary (parts.ts), made by vite.config.ts from da.ts. */
declare module 'virtual:dictionary/da/*' {
	const words: Partial<Record<import('./da').MessageKey, string>>;
	export default words;
}
