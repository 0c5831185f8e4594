import * as v from 'valibot';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A problem in a source file, located as `file:line:column path: message`. */
export type Problem = { file: string; line: number; col: number; path: string; message: string };

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.col}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export type PathKey = string | number;

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
		const result = v.safeParse(schema, this.doc.toJS());
		if (result.success) return { ok: true, data: result.output };
		const problems = result.issues.map((issue) => {
			const path = (issue.path ?? []).map((item) => item.key as PathKey);
			// An unknown field is pointed at its key, anything else at its value.
			return this.problemAt(path, issue.message, { atKey: issue.expected === 'never' });
		});
		return { ok: false, problems };
	}
}
