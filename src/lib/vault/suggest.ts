/** Draws `count` words with the platform's CSPRNG. The list length must be a power of two, so no word is favoured. */
export function suggestPassphrase(words: readonly string[], count = 5): string {
	if (words.length === 0 || (words.length & (words.length - 1)) !== 0)
		throw new RangeError('the word list must have a power-of-two length');
	const draws = crypto.getRandomValues(new Uint32Array(count));
	return Array.from(draws, (draw) => words[draw & (words.length - 1)]).join(' ');
}
