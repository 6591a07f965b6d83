import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawSvg, parseSvg, type VectorCanvas } from './svg.ts';

const SYMBOL_DIR = join(process.cwd(), 'symbols', 'svg');
const files = readdirSync(SYMBOL_DIR).filter((name) => name.endsWith('.svg'));

/** Records the drawing calls, so a test can see what the PDF would get. */
function recorder(): { canvas: VectorCanvas; calls: string[] } {
	const calls: string[] = [];
	const canvas = new Proxy({} as VectorCanvas, {
		get: (_target, name) =>
			function (this: VectorCanvas, ...args: unknown[]) {
				calls.push(`${String(name)}(${args.map((a) => JSON.stringify(a)).join(',')})`);
				return canvas;
			}
	});
	return { canvas, calls };
}

describe('the SVG converter', () => {
	it('reads every symbol file completely: each shape element becomes a shape, nothing unsupported', () => {
		expect(files.length).toBeGreaterThan(300);
		for (const file of files) {
			const source = readFileSync(join(SYMBOL_DIR, file), 'utf8');
			const parsed = parseSvg(source);
			const elements = source.match(/<(path|circle|ellipse|rect|line|polyline|polygon)\b/g)?.length ?? 0;
			expect(parsed.unsupported, file).toEqual([]);
			expect(parsed.shapes, file).toHaveLength(elements);
			expect(parsed.viewBox, file).toEqual([0, 0, 100, 100]);
		}
	});

	it('draws every symbol file with PDFKit without an error', () => {
		const doc = new PDFDocument({ size: 'A4' });
		for (const file of files) drawSvg(doc, parseSvg(readFileSync(join(SYMBOL_DIR, file), 'utf8')), 50, 50, 72);
		doc.end();
	});

	it('converts each kind of element with its paint', () => {
		const parsed = parseSvg(
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 100">' +
				'<path d="M0 0L10 10Z" fill="#c8413a" stroke="#1a1a1a" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>' +
				'<circle cx="5" cy="6" r="7" fill="none" stroke="#1a1a1a" stroke-width="3" stroke-dasharray="4 2"/>' +
				'<ellipse cx="1" cy="2" rx="3" ry="4" fill="#ffffff" stroke="#1a1a1a" stroke-width="0"/>' +
				'<rect x="1" y="2" width="30" height="40" rx="5" fill="#3f9b4f" transform="rotate(-12 32 38)"/>' +
				'<line x1="0" y1="0" x2="9" y2="9" stroke="#000000"/>' +
				'<polygon points="1,2 3,4 5,6" fill="#e9b949"/>' +
				'<polyline points="1 2 3 4" fill="none" stroke="#4a7fc1" stroke-width="2"/></svg>'
		);
		expect(parsed.unsupported).toEqual([]);
		expect(parsed.viewBox).toEqual([0, 0, 50, 100]);
		const { canvas, calls } = recorder();
		drawSvg(canvas, parsed, 100, 200, 60);
		expect(calls).toEqual([
			'save()',
			// 50×100 fits a 60 pt square at 0.6, centred across
			'translate(115,200)',
			'scale(0.6)',
			'translate(0,0)',
			'save()',
			'lineWidth(4)',
			'lineCap("round")',
			'lineJoin("round")',
			'path("M0 0L10 10Z")',
			'fillAndStroke("#c8413a","#1a1a1a")',
			'restore()',
			'save()',
			'lineWidth(3)',
			'dash(4,{"space":2})',
			'circle(5,6,7)',
			'stroke("#1a1a1a")',
			'restore()',
			'save()',
			'lineWidth(0)',
			'ellipse(1,2,3,4)',
			// a zero-width stroke is no stroke: PDF would draw a hairline
			'fill("#ffffff")',
			'restore()',
			'save()',
			'rotate(-12,{"origin":[32,38]})',
			'lineWidth(1)',
			'roundedRect(1,2,30,40,5)',
			'fill("#3f9b4f")',
			'restore()',
			'save()',
			'lineWidth(1)',
			'moveTo(0,0)',
			'lineTo(9,9)',
			'stroke("#000000")',
			'restore()',
			'save()',
			'lineWidth(1)',
			'moveTo(1,2)',
			'lineTo(3,4)',
			'lineTo(5,6)',
			'closePath()',
			'fill("#e9b949")',
			'restore()',
			'save()',
			'lineWidth(2)',
			'moveTo(1,2)',
			'lineTo(3,4)',
			'stroke("#4a7fc1")',
			'restore()',
			'restore()'
		]);
	});

	it('reports what it cannot draw instead of guessing', () => {
		const parsed = parseSvg(
			'<svg viewBox="0 0 10 10"><g clip-path="url(#a)"><image href="x.png"/><path d="M0 0" transform="matrix(1 0 0 1 0 0)" filter="url(#f)"/></g></svg>'
		);
		expect(parsed.unsupported).toEqual(['<g>', '<image>', 'path@filter', 'transform="matrix(1 0 0 1 0 0)"']);
	});
});
