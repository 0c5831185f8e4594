/**
 * The YAML editor: CodeMirror 6 with the problems of the last check as diagnostics (gutter marks
 * and underlines). Loaded lazily, so that no other page carries it.
 */
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

export type Located = { line: number; col: number; message: string };

export type YamlEditor = {
	view: EditorView;
	setProblems(problems: Located[]): void;
	goTo(line: number, col?: number): void;
	/** Replaces the whole text (as one undoable change). */
	setText(text: string): void;
	destroy(): void;
};

export function createEditor(
	parent: HTMLElement,
	options: { text: string; label: string; onchange(text: string): void; onsave(): void }
): YamlEditor {
	const view = new EditorView({
		parent,
		state: EditorState.create({
			doc: options.text,
			extensions: [
				keymap.of([
					{
						key: 'Mod-s',
						preventDefault: true,
						run: () => {
							options.onsave();
							return true;
						}
					}
				]),
				basicSetup,
				yaml(),
				lintGutter(),
				EditorView.contentAttributes.of({ 'aria-label': options.label }),
				EditorView.updateListener.of((update) => {
					if (update.docChanged) options.onchange(update.state.doc.toString());
				})
			]
		})
	});

	const position = (line: number, col = 1) => {
		const doc = view.state.doc;
		const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
		return { at, pos: Math.min(at.from + Math.max(col, 1) - 1, at.to) };
	};

	return {
		view,
		setProblems(problems) {
			const diagnostics: Diagnostic[] = problems.map((p) => {
				const { at, pos } = position(p.line, p.col);
				return {
					from: pos,
					to: pos < at.to ? at.to : pos,
					severity: 'error',
					message: `${p.line}:${p.col} ${p.message}`
				};
			});
			view.dispatch(setDiagnostics(view.state, diagnostics));
		},
		goTo(line, col = 1) {
			const { pos } = position(line, col);
			view.dispatch({
				selection: { anchor: pos },
				effects: EditorView.scrollIntoView(pos, { y: 'center' })
			});
			view.focus();
		},
		setText(text) {
			view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
		},
		destroy: () => view.destroy()
	};
}
