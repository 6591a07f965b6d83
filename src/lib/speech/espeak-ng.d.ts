declare module 'espeak-ng' {
	interface ESpeakModule {
		FS: { readFile(path: string, options?: { encoding?: 'binary' }): Uint8Array };
	}
	interface ESpeakOptions {
		arguments: string[];
		locateFile?: (path: string) => string;
		instantiateWasm?: (imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance) => void) => object;
		print?: (text: string) => void;
		printErr?: (text: string) => void;
	}
	export default function ESpeakNg(options: ESpeakOptions): Promise<ESpeakModule>;
}
