import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PictureRefused } from './reencode.ts';
import { cpuMilliseconds } from '../../../tests/unit/cpu-time.ts';
import { DRAWN_SIDE, drawableSvg, drawSvgAsPng, hasUnsafeEntities, looksLikeSvg } from './svg-drawing.ts';

const text = (value: string) => new TextEncoder().encode(value);

describe('looksLikeSvg', () => {
	it('tells an SVG drawing as symbol sets write it, after a declaration, comments and a doctype', () => {
		expect(looksLikeSvg(readFileSync('tests/fixtures/hostile/script.svg'))).toBe(true);
		expect(looksLikeSvg(text('\ufeff  <?xml version="1.0"?>\n<!-- Mulberry -->\n<!DOCTYPE svg>\n<svg\nviewBox="0 0 1 1"/>'))).toBe(true);
		expect(looksLikeSvg(text(`<!--${' '.repeat(3000)}--><svg/>`))).toBe(true);
	});

	it('does not take a raster picture, JSON or text for a drawing', () => {
		expect(looksLikeSvg(readFileSync('tests/fixtures/hostile/jpeg-with-gps.jpg'))).toBe(false);
		expect(looksLikeSvg(text('{"svg": "<svg/>"}'))).toBe(false);
		expect(looksLikeSvg(text('<svgx/>'))).toBe(false);
		expect(looksLikeSvg(text(''))).toBe(false);
	});
});

describe('drawableSvg', () => {
	it('leaves out HTML inside the drawing (it would stop the pixels from being read back) and keeps the rest', () => {
		const svg = [
			'<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg">',
			'<foreignObject width="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"></iframe></foreignObject>',
			'<rect/><svg:foreignObject/><FOREIGNOBJECT><div>a</div></FOREIGNOBJECT><circle/></svg>'
		].join('');
		expect(drawableSvg(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"><rect/><circle/></svg>');
	});

	it('leaves out filter effects, which the page draws on its own thread without a way to stop (seconds a picture)', () => {
		const svg = [
			'<svg xmlns="http://www.w3.org/2000/svg"><defs><filter id="f" x="-50%">',
			'<feMorphology operator="dilate" radius="250"/></filter><svg:filter id="g"/></defs>',
			`<style>rect { filter: blur(9px); fill: red }</style><rect filter="url(#f)"/><circle style="fill:blue;filter:url(#g)" filter='url(#g)'/>`,
			'<text>no filter here</text></svg>'
		].join('');
		expect(drawableSvg(svg)).toBe(
			[
				'<svg xmlns="http://www.w3.org/2000/svg"><defs></defs>',
				'<style>rect { ; fill: red }</style><rect/><circle style="fill:blue;"/>',
				'<text>no filter here</text></svg>'
			].join('')
		);
	});

	it('reads a drawing in one pass, however many elements it leaves open', async () => {
		// Each start tag without its end made the search for it run to the end of the text again: 2,000 of them in a
		// drawing of 4.5 MB held the page's thread 9 s here, and 20,000 (the most a drawing may have) far longer.
		const filler = 'x'.repeat(4_500_000);
		for (const open of ['<foreignObject>', '<filter>', '<svg ']) {
			const svg = `<svg xmlns="http://www.w3.org/2000/svg"><rect/>${open.repeat(2_000)}${filler}`;
			expect(await cpuMilliseconds(() => drawableSvg(svg)), open).toBeLessThan(2_000);
		}
		// One left open is left as it is (the browser refuses to draw a drawing that is no well-formed XML); one that closes
		// itself after it still goes, as do those closed, whatever their prefix.
		const head = '<svg xmlns="http://www.w3.org/2000/svg">';
		expect(drawableSvg(`${head}<filter><rect/><filter/></svg>`)).toBe(`${head}<filter><rect/></svg>`);
		expect(drawableSvg(`${head}<filter id="a"><rect/></filter><circle/><a:filter>x</a:filter><filter/></svg>`)).toBe(
			`${head}<circle/></svg>`
		);
	});

	const root = (svg: string) => /<svg[^>]*>/.exec(drawableSvg(svg))?.[0];

	it('gives a drawing with only a viewBox its own shape at DRAWN_SIDE, keeping the rest of its root tag', () => {
		expect(DRAWN_SIDE).toBe(512);
		expect(root(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 20"><rect/></svg>`)).toBe(
			'<svg width="256" height="512" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 20">'
		);
		expect(root(`<?xml version="1.0"?><svg xmlns='http://www.w3.org/2000/svg' viewBox='0,0,300,100' width='100%' height="100%"/>`)).toBe(
			`<svg width="512" height="171" xmlns='http://www.w3.org/2000/svg' viewBox='0,0,300,100'/>`
		);
	});

	it('scales a drawing with a size but no viewBox by giving it the viewBox its size implies', () => {
		expect(root(`<svg xmlns="http://www.w3.org/2000/svg" width="24px" height="48">`)).toBe(
			'<svg width="256" height="512" viewBox="0 0 24 48" xmlns="http://www.w3.org/2000/svg">'
		);
	});

	it('puts a drawing without the SVG namespace into it, so the browser draws it at all', () => {
		expect(root('<svg viewBox="0 0 2 1"><rect/></svg>')).toBe(
			'<svg width="512" height="256" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1">'
		);
		expect(root(`<svg xmlns='http://www.w3.org/2000/svg'/>`)).toBe(`<svg xmlns='http://www.w3.org/2000/svg'/>`);
	});

	it('leaves a drawing alone when it gives neither a viewBox nor a size in pixels', () => {
		for (const svg of [
			'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
			'<svg xmlns="http://www.w3.org/2000/svg" width="10cm" height="5cm"/>',
			'no drawing'
		]) {
			expect(drawableSvg(svg)).toBe(svg);
		}
	});
});

describe('hasUnsafeEntities', () => {
	it('allows the plain text entities Illustrator writes, and a drawing without any', () => {
		const illustrator = [
			'<?xml version="1.0"?>',
			'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [',
			'\t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">',
			"\t<!ENTITY ns_ai 'http://ns.adobe.com/AdobeIllustrator/10.0/'>",
			']>',
			'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;"><rect/></svg>'
		].join('\n');
		expect(hasUnsafeEntities(illustrator)).toBe(false);
		expect(hasUnsafeEntities('<svg xmlns="http://www.w3.org/2000/svg"><text>&amp; &lt;</text></svg>')).toBe(false);
	});

	it('refuses entities made of entities, parameter and external entities, and plain ones used to grow the file', () => {
		const laughs = [
			'<!DOCTYPE svg [<!ENTITY a "haha">',
			...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">`),
			']><svg>&bbbbbbbbb;</svg>'
		].join('');
		expect(hasUnsafeEntities(laughs)).toBe(true);
		expect(hasUnsafeEntities('<!DOCTYPE svg [<!ENTITY % p "x"> %p;]><svg/>')).toBe(true);
		expect(hasUnsafeEntities('<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg>&e;</svg>')).toBe(true);
		expect(hasUnsafeEntities('<!DOCTYPE svg [<!entity e "x">]><svg>&e;</svg>')).toBe(true);
		const wide = `<!DOCTYPE svg [<!ENTITY w "${'w'.repeat(1000)}">]><svg>${'&w;'.repeat(1100)}</svg>`;
		expect(hasUnsafeEntities(wide)).toBe(true);
		expect(hasUnsafeEntities(wide.replace('&w;'.repeat(1100), '&w;'.repeat(1000)))).toBe(false);
	});

	it('looks for the uses of all entities in one pass over the drawing, however many it declares', async () => {
		// 5 MB (a picture's limit) declaring 50,000: searched once for each, it held the page's thread 7 s here.
		const declared = Array.from({ length: 50_000 }, (_, i) => `<!ENTITY e${i} "x">`).join('');
		const svg = `<!DOCTYPE svg [${declared}]><svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(1_000_000)}&e7;</svg>`;
		expect(svg.length).toBeLessThan(5 * 1024 * 1024);
		let unsafe: boolean | undefined;
		expect(await cpuMilliseconds(() => (unsafe = hasUnsafeEntities(svg)))).toBeLessThan(2_000);
		expect(unsafe).toBe(false);
	});
});

it('refuses to draw where there is no DOM to draw with (Node), as "not a picture"', async () => {
	const refusal = await drawSvgAsPng(readFileSync('tests/fixtures/hostile/script.svg')).catch((error: unknown) => error);
	expect(refusal).toBeInstanceOf(PictureRefused);
	expect((refusal as PictureRefused).refusal).toBe('notPicture');
});
