import * as v from 'valibot';
import {
	isAlias,
	isCollection,
	isMap,
	isPair,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	visit,
	type Alias,
	type Document,
	type Node
} from 'yaml';

/** A problem in a source file, located as `file:line:column path: message`. */
export type Problem = { file: string; line: number; col: number; path: string; message: string };

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.col}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export type PathKey = string | number;

/** How many values aliases may add to a document: far above any real file, far below an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;

/** `states.calming.on[1].guard` from ['states', 'calming', 'on', 1, 'guard']. */
export function formatPath(path: readonly PathKey[]): string {
	return path.reduce<string>(
		(out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
		''
	);
}

/** A parsed YAML file that can say where any path inside it starts. */
export class SourceFile {
	readonly lines = new LineCounter();
	readonly doc: Document.Parsed;

	constructor(
		readonly file: string,
		readonly text: string
	) {
		this.doc = parseDocument(text, {
			lineCounter: this.lines,
			uniqueKeys: true,
			prettyErrors: false
		});
	}

	/** Syntax errors (bad YAML, duplicate keys), located. */
	syntaxProblems(): Problem[] {
		return this.doc.errors.map((error) => {
			const at = this.lines.linePos(error.pos[0]);
			const message =
				error.code === 'DUPLICATE_KEY' ? 'duplicate key' : error.message.split('\n')[0];
			return { file: this.file, line: at.line, col: at.col, path: '', message };
		});
	}

	/**
	 * Aliases that name no earlier anchor, that sit inside the node they name, or that together
	 * expand the document past MAX_ALIAS_EXPANSION values ("billion laughs"), each located.
	 */
	aliasProblems(): Problem[] {
		const problems: Problem[] = [];
		const anchors = new Map<string, Node>();
		const aliases: { alias: Alias; target: Node }[] = [];
		const at = (node: Node, message: string) => {
			const pos = this.lines.linePos(node.range?.[0] ?? 0);
			problems.push({ file: this.file, line: pos.line, col: pos.col, path: '', message });
		};
		// The same walk, in the same order, as the yaml library's own alias resolution.
		visit(this.doc, {
			Node: (_key, node, path) => {
				if (!isAlias(node)) {
					if (node.anchor) anchors.set(node.anchor, node);
					return;
				}
				const target = anchors.get(node.source);
				if (!target)
					at(node, `unknown alias *${node.source}: set the anchor &${node.source} before it`);
				else if ((path as readonly unknown[]).includes(target))
					at(node, `alias *${node.source} is inside the node it names (a loop)`);
				else aliases.push({ alias: node, target });
			}
		});
		if (problems.length > 0) return problems;

		const sizes = new Map<Node, number>();
		const targetOf = new Map(aliases.map(({ alias, target }) => [alias, target]));
		const size = (node: unknown): number => {
			if (isAlias(node)) {
				const target = targetOf.get(node);
				return target ? size(target) : 1;
			}
			if (isPair(node)) return size(node.key) + size(node.value);
			if (!isCollection(node)) return 1;
			let total = sizes.get(node);
			if (total === undefined) {
				total = node.items.reduce<number>((sum, item) => sum + size(item), 1);
				sizes.set(node, total);
			}
			return total;
		};
		let expanded = 0;
		for (const { alias, target } of aliases) {
			expanded += size(target);
			if (expanded > MAX_ALIAS_EXPANSION) {
				at(
					alias,
					`aliases expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?): use fewer or smaller aliases`
				);
				break;
			}
		}
		return problems;
	}

	/** The deepest node that exists along `path`, so a missing key points at its parent. */
	private nodeAt(path: readonly PathKey[]): { node: Node | null; keyNode: Node | null } {
		let node: unknown = this.doc.contents;
		let keyNode: Node | null = null;
		for (const key of path) {
			if (isMap(node)) {
				const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
				if (!pair) break;
				keyNode = pair.key as Node;
				node = pair.value;
			} else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
				keyNode = null;
				node = node.items[key];
			} else break;
		}
		return { node: (node as Node) ?? null, keyNode };
	}

	problemAt(path: readonly PathKey[], message: string, { atKey = false } = {}): Problem {
		const { node, keyNode } = this.nodeAt(path);
		const target = atKey && keyNode ? keyNode : (node ?? keyNode);
		const offset = target?.range?.[0] ?? 0;
		const at = this.lines.linePos(offset);
		return { file: this.file, line: at.line, col: at.col, path: formatPath(path), message };
	}

	/** Validates the document against a valibot schema; each issue located at its path. */
	validate<S extends v.GenericSchema>(
		schema: S
	): { ok: true; data: v.InferOutput<S> } | { ok: false; problems: Problem[] } {
		const syntax = this.syntaxProblems();
		if (syntax.length > 0) return { ok: false, problems: syntax };
		const aliases = this.aliasProblems();
		if (aliases.length > 0) return { ok: false, problems: aliases };
		// aliasProblems bounds what the aliases expand to, so the library's own cap can go.
		const result = v.safeParse(schema, this.doc.toJS({ maxAliasCount: -1 }));
		if (result.success) return { ok: true, data: result.output };
		const problems = result.issues.map((issue) => {
			const path = (issue.path ?? []).map((item) => item.key as PathKey);
			// An unknown field is pointed at its key, anything else at its value.
			return this.problemAt(path, issue.message, { atKey: issue.expected === 'never' });
		});
		return { ok: false, problems };
	}
}
