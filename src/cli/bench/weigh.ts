import { gzipSync } from 'node:zlib';

export type Weight = { files: number; raw: number; gzip: number };
export type PageWeight = { page: string; initial: Weight; lazy: Weight };

const add = (w: Weight, body: Buffer) => {
	w.files++;
	w.raw += body.length;
	w.gzip += gzipSync(body).length;
};

/**
 * The JavaScript a browser loads for a page, as it does: the entry scripts and every module they
 * import statically (`initial`), and separately the chunks only loaded on demand through `import()`
 * (`lazy`, e.g. an editor opened after the page shows).
 */
export async function weighPage(url: string, cookie: string): Promise<PageWeight> {
	const response = await fetch(url, { headers: { cookie } });
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	const html = await response.text();
	const initial: Weight = { files: 0, raw: 0, gzip: 0 };
	const lazy: Weight = { files: 0, raw: 0, gzip: 0 };
	const queue: { url: string; lazy: boolean }[] = [
		...html.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)/g)
	].map((x) => ({ url: new URL(x[1] ?? x[2], url).href, lazy: false }));
	// The route's own nodes (layouts and page), which the router imports as the page starts.
	const nodeIds = new Set(
		(/node_ids:\s*\[([\d,\s]*)\]/.exec(html)?.[1] ?? '')
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean)
	);
	const seen = new Map<string, boolean>();
	while (queue.length > 0) {
		// Static imports first, so a chunk both imported and lazily loaded counts as initial.
		queue.sort((a, b) => Number(a.lazy) - Number(b.lazy));
		const next = queue.shift()!;
		if (seen.has(next.url)) continue;
		seen.set(next.url, next.lazy);
		const body = Buffer.from(await (await fetch(next.url)).arrayBuffer());
		add(next.lazy ? lazy : initial, body);
		const text = body.toString('utf8');
		for (const x of text.matchAll(/(?:from|import)\s*["'`]([^"'`]+\.js)["'`]/g))
			queue.push({ url: new URL(x[1], next.url).href, lazy: next.lazy });
		// The router's table imports every route's node on demand: this page's nodes load with it,
		// other pages' nodes are not this page's code at all.
		for (const x of text.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) {
			const node = /\/nodes\/(\d+)\./.exec(x[1]);
			if (node && !nodeIds.has(node[1])) continue;
			queue.push({ url: new URL(x[1], next.url).href, lazy: node ? next.lazy : true });
		}
	}
	return { page: new URL(url).pathname, initial, lazy };
}

const kb = (n: number) => (n / 1024).toFixed(1);

export function formatWeight(name: string, w: PageWeight): string {
	const lazy = w.lazy.files
		? `; on demand ${w.lazy.files} more, ${kb(w.lazy.gzip)} KB gzipped`
		: '';
	return `${name}: ${w.initial.files} JavaScript files, ${kb(w.initial.raw)} KB, ${kb(w.initial.gzip)} KB gzipped${lazy}`;
}
