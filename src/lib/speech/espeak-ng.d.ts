declare module 'espeak-ng' {
	interface ESpeakModule {
		FS: {
			readFile(path: string, options?: { encoding?: 'binary' }): Uint8Array;
			analyzePath(path: string): { exists: boolean };
			unlink(path: string): void;
		};
	}
	interface ESpeakOptions {
		arguments?: string[];
		/** Start without running the program (startSpeaker runs it itself). */
		noInitialRun?: boolean;
		locateFile?: (path: string) => string;
		instantiateWasm?: (imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance) => void) => object;
		print?: (text: string) => void;
		printErr?: (text: string) => void;
	}
	export default function ESpeakNg(options: ESpeakOptions): Promise<ESpeakModule>;
}
